// Prints the filters of dlib's frontal HOG face detector (frontal_face_detector.h, compiled into
// the header as a compressed serialised object) as one JSON document, the way dlib itself uses
// them: each detector's bias and, per fhog plane, the separable (row, column) filter pairs that
// scan_fhog_pyramid::build_fhog_filterbank makes from its SVD. Run by build/recipes/hog/recipe.ts.
// Build (Debian: apt-get install libdlib-dev g++):
//   g++ -O2 -std=c++14 build/recipes/hog/dump-hog.cpp -o .scratch/dump-hog -ldlib -l:libblas.so.3 -l:liblapack.so.3
#include <dlib/image_processing/frontal_face_detector.h>
#include <cstdio>
#include <stdexcept>

using namespace dlib;

static void print_vector(const matrix<float, 0, 1>& v) {
    std::printf("[");
    for (long k = 0; k < v.size(); ++k) std::printf("%s%.9g", k ? "," : "", v(k));
    std::printf("]");
}

int main() {
    frontal_face_detector detector = get_frontal_face_detector();
    const auto& scanner = detector.get_scanner();
    const test_box_overlap& overlap = detector.get_overlap_tester();
    std::printf("{\"cellSize\":%lu,\"padding\":%lu,\"windowWidth\":%lu,\"windowHeight\":%lu,", scanner.get_cell_size(), scanner.get_padding(),
                scanner.get_detection_window_width(), scanner.get_detection_window_height());
    std::printf("\"filterWidth\":%lu,\"filterHeight\":%lu,", scanner.get_fhog_window_width(), scanner.get_fhog_window_height());
    std::printf("\"minLevelWidth\":%lu,\"minLevelHeight\":%lu,\"maxLevels\":%lu,", scanner.get_min_pyramid_layer_width(),
                scanner.get_min_pyramid_layer_height(), scanner.get_max_pyramid_levels());
    std::printf("\"iouThresh\":%.17g,\"coveredThresh\":%.17g,\"detectors\":[", overlap.get_iou_thresh(), overlap.get_percent_covered_thresh());
    for (unsigned long i = 0; i < detector.num_detectors(); ++i) {
        const auto& w = detector.get_w(i);
        const auto bank = scanner.build_fhog_filterbank(w);
        const auto& filters = bank.get_filters();
        // dlib runs the full filters instead when there are many separable ones; the port only
        // does the separable scan, so refuse a model that would take the other path.
        if (bank.num_separable_filters() > filters.size() * std::min(filters[0].nr(), filters[0].nc()) / 3.0)
            throw std::runtime_error("detector uses full (non-separable) filters");
        std::printf("%s{\"bias\":%.17g,\"planes\":[", i ? "," : "", w(scanner.get_num_dimensions()));
        for (unsigned long p = 0; p < bank.row_filters.size(); ++p) {
            std::printf("%s[", p ? "," : "");
            for (unsigned long j = 0; j < bank.row_filters[p].size(); ++j) {
                std::printf("%s{\"row\":", j ? "," : "");
                print_vector(bank.row_filters[p][j]);
                std::printf(",\"col\":");
                print_vector(bank.col_filters[p][j]);
                std::printf("}");
            }
            std::printf("]");
        }
        std::printf("]}");
    }
    std::printf("]}\n");
    return 0;
}
