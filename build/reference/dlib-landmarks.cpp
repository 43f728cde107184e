// Reference output of dlib's own C++ for the TypeScript port of its 68-point predictor
// (electron/services/faces/dlib/). For each binary PPM (P6) given, it runs dlib's frontal HOG
// face detector and, on each box, the shape predictor, and prints JSON on stdout:
//   {"dlib":"19.24","images":[{"file","width","height","faces":[{"rect":[l,t,r,b],"score",
//     "points":[[x,y]…68] (unrounded), "parts":[[x,y]…68] (dlib's rounded full_object_detection)}]}]}
// Pixels come as PPM written by build/reference/write-ppm.ts (sharp, the app's decoder), so JPEG
// decoder differences between libjpeg builds can't enter the comparison.
//
// dlib's full_object_detection rounds points to integers, so the unrounded points are computed
// here by the same loop as shape_predictor::operator() over the same deserialised members, with
// dlib's own impl:: functions; the program checks that rounding them gives dlib's parts exactly.
//
// Build (Debian: apt-get install libdlib-dev libdlib-data g++), no -march so no FMA contraction:
//   g++ -O2 -std=c++14 build/reference/dlib-landmarks.cpp -o .scratch/dlib-landmarks \
//       -ldlib -l:libblas.so.3 -l:liblapack.so.3   (Debian's dlib is built with BLAS/LAPACK)
// Run (what build/reference/run.ts does):
//   .scratch/dlib-landmarks /usr/share/dlib/shape_predictor_68_face_landmarks.dat a.ppm b.ppm …
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/revision.h>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace dlib;

// The members of dlib::shape_predictor, in its serialisation order (shape_predictor.h).
struct predictor_members {
    matrix<float, 0, 1> initial_shape;
    std::vector<std::vector<impl::regression_tree>> forests;
    std::vector<std::vector<unsigned long>> anchor_idx;
    std::vector<std::vector<dlib::vector<float, 2>>> deltas;
};

static predictor_members read_members(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    int version = 0;
    predictor_members m;
    deserialize(version, in);
    if (version != 1) throw std::runtime_error("unexpected shape_predictor version");
    deserialize(m.initial_shape, in);
    deserialize(m.forests, in);
    deserialize(m.anchor_idx, in);
    deserialize(m.deltas, in);
    return m;
}

// shape_predictor::operator() without the final rounding to dlib::point.
static std::vector<dlib::vector<double, 2>> predict_unrounded(const predictor_members& m, const array2d<rgb_pixel>& img, const rectangle& rect) {
    using namespace impl;
    matrix<float, 0, 1> current_shape = m.initial_shape;
    std::vector<float> feature_pixel_values;
    for (unsigned long iter = 0; iter < m.forests.size(); ++iter) {
        extract_feature_pixel_values(img, rect, current_shape, m.initial_shape, m.anchor_idx[iter], m.deltas[iter], feature_pixel_values);
        unsigned long leaf_idx;
        for (unsigned long i = 0; i < m.forests[iter].size(); ++i)
            current_shape += m.forests[iter][i](feature_pixel_values, leaf_idx);
    }
    const point_transform_affine tform_to_img = unnormalizing_tform(rect);
    std::vector<dlib::vector<double, 2>> parts(current_shape.size() / 2);
    for (unsigned long i = 0; i < parts.size(); ++i) parts[i] = tform_to_img(location(current_shape, i));
    return parts;
}

// Binary PPM (P6, maxval 255) as written by run.ts; dlib's load_image does not read PPM.
static void read_ppm(array2d<rgb_pixel>& img, const std::string& path) {
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
        for (long x = 0; x < w; ++x) img[y][x] = rgb_pixel(row[3 * x], row[3 * x + 1], row[3 * x + 2]);
    }
}

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: dlib-landmarks <shape_predictor_68_face_landmarks.dat> <image.ppm>…\n";
        return 2;
    }
    try {
        shape_predictor sp;
        deserialize(argv[1]) >> sp;
        const predictor_members members = read_members(argv[1]);
        frontal_face_detector detector = get_frontal_face_detector();
        std::printf("{\"dlib\":\"%d.%d\",\"images\":[", DLIB_MAJOR_VERSION, DLIB_MINOR_VERSION);
        for (int a = 2; a < argc; ++a) {
            array2d<rgb_pixel> img;
            read_ppm(img, argv[a]);
            std::vector<rect_detection> dets;
            detector(img, dets);
            std::printf("%s\n{\"file\":\"%s\",\"width\":%ld,\"height\":%ld,\"faces\":[", a > 2 ? "," : "", argv[a], img.nc(), img.nr());
            for (size_t d = 0; d < dets.size(); ++d) {
                const rectangle& r = dets[d].rect;
                const full_object_detection shape = sp(img, r);
                const std::vector<dlib::vector<double, 2>> pts = predict_unrounded(members, img, r);
                std::printf("%s\n {\"rect\":[%ld,%ld,%ld,%ld],\"score\":%.9g,\"points\":[", d ? "," : "", r.left(), r.top(), r.right(), r.bottom(), dets[d].detection_confidence);
                for (size_t i = 0; i < pts.size(); ++i) {
                    const point rounded = pts[i];
                    if (rounded != shape.part(i)) throw std::runtime_error("unrounded points disagree with shape_predictor");
                    std::printf("%s[%.9g,%.9g]", i ? "," : "", pts[i].x(), pts[i].y());
                }
                std::printf("],\"parts\":[");
                for (unsigned long i = 0; i < shape.num_parts(); ++i) std::printf("%s[%ld,%ld]", i ? "," : "", shape.part(i).x(), shape.part(i).y());
                std::printf("]}");
            }
            std::printf("]}");
        }
        std::printf("]}\n");
    } catch (std::exception& e) {
        std::cerr << "dlib-landmarks: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
