// Shared by the reference programs in this folder: binary PPMs as run.ts writes them.
#pragma once
#include <dlib/array2d.h>
#include <dlib/pixel.h>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

// Binary PPM (P6, maxval 255) as written by run.ts; dlib's load_image does not read PPM.
static void read_ppm(dlib::array2d<dlib::rgb_pixel>& img, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string magic;
    long w = 0, h = 0, maxval = 0;
    in >> magic >> w >> h >> maxval;
    in.get();
    if (!in || magic != "P6" || maxval != 255 || w <= 0 || h <= 0) throw std::runtime_error(path + " is not a binary 8-bit PPM");
    img.set_size(h, w);
    std::vector<unsigned char> row(3 * w);
    for (long y = 0; y < h; ++y) {
        if (!in.read(reinterpret_cast<char*>(row.data()), row.size())) throw std::runtime_error(path + " is truncated");
        for (long x = 0; x < w; ++x) img[y][x] = dlib::rgb_pixel(row[3 * x], row[3 * x + 1], row[3 * x + 2]);
    }
}
