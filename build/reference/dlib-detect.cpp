// dlib's frontal HOG face detector alone, for build/eval/detector-recall.ts (the landmark
// reference, dlib-landmarks.cpp, also loads the 100 MB shape model for every call). For each
// binary PPM (P6) given it prints one JSON line: {"faces":[{"rect":[l,t,r,b],"score":s,"detector":i}…]}
// (detector: which of the five filters fired). `--adjust T` first: dlib's adjust_threshold (a
// negative T also reports weaker windows, which the TypeScript port is checked on as well).
// Build (Debian: apt-get install libdlib-dev g++):
//   g++ -O2 -std=c++14 build/reference/dlib-detect.cpp -o .scratch/dlib-detect -ldlib -l:libblas.so.3 -l:liblapack.so.3
#include <dlib/image_processing/frontal_face_detector.h>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "read-ppm.h"

using namespace dlib;

int main(int argc, char** argv) {
    try {
        frontal_face_detector detector = get_frontal_face_detector();
        double adjust = 0;
        int first = 1;
        if (argc > 2 && std::string(argv[1]) == "--adjust") {
            adjust = std::stod(argv[2]);
            first = 3;
        }
        for (int a = first; a < argc; ++a) {
            array2d<rgb_pixel> img;
            read_ppm(img, argv[a]);
            std::vector<rect_detection> dets;
            detector(img, dets, adjust);
            std::printf("{\"faces\":[");
            for (size_t d = 0; d < dets.size(); ++d) {
                const rectangle& r = dets[d].rect;
                std::printf("%s{\"rect\":[%ld,%ld,%ld,%ld],\"score\":%.9g,\"detector\":%lu}", d ? "," : "", r.left(), r.top(), r.right(), r.bottom(),
                            dets[d].detection_confidence, dets[d].weight_index);
            }
            std::printf("]}\n");
        }
    } catch (std::exception& e) {
        std::cerr << "dlib-detect: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
