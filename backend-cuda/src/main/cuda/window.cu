// im2col and col2im for channels-last images: x (N, H, W, C) and cols (N, outH, outW, kH, kW, C), any strides.
#include "jdeep_cuda.cuh"

// One thread per element of cols, channels fastest; taps in the padding read pad (already the dtype's value).
template <typename T>
__device__ __forceinline__ void im2col_body(const ConvMeta& g, const T* x, T* cols, T pad) {
    const long long total = (long long) g.N * g.outH * g.outW * g.kH * g.kW * g.C;
    JD_GRID_LOOP(i, total) {
        unsigned r = i;
        const int ch = r % g.C; r /= g.C;
        const int kj = r % g.kW; r /= g.kW;
        const int ki = r % g.kH; r /= g.kH;
        const int ow = r % g.outW; r /= g.outW;
        const int oh = r % g.outH; r /= g.outH;
        const int n = (int) r;
        const int ih = oh * g.strideH - g.padTop + ki * g.dilationH;
        const int iw = ow * g.strideW - g.padLeft + kj * g.dilationW;
        const long long q = g.cOff + (long long) n * g.cN + (long long) oh * g.cOH + (long long) ow * g.cOW
                + (long long) ki * g.cKH + (long long) kj * g.cKW + (long long) ch * g.cC;
        T v = pad;
        if (ih >= 0 && ih < g.H && iw >= 0 && iw < g.W) {
            v = x[g.xOff + (long long) n * g.xN + (long long) ih * g.xH + (long long) iw * g.xW
                  + (long long) ch * g.xC];
        }
        cols[q] = v;
    }
}

template <typename T>
__device__ __forceinline__ T add(T a, T b) { return a + b; }
template <>
__device__ __forceinline__ int add<int>(int a, int b) { return (int) ((unsigned) a + (unsigned) b); }

// One thread per pixel of x, which collects every tap that read it: no atomics, and the taps are added in
// the CPU backend's order (tap row i ascending, then output column ascending, i.e. tap column descending).
template <typename T>
__device__ __forceinline__ void col2im_body(const ConvMeta& g, const T* cols, T* x) {
    const long long total = (long long) g.N * g.H * g.W * g.C;
    JD_GRID_LOOP(i, total) {
        unsigned r = i;
        const int ch = r % g.C; r /= g.C;
        const int iw = r % g.W; r /= g.W;
        const int ih = r % g.H; r /= g.H;
        const int n = (int) r;
        const long long p = g.xOff + (long long) n * g.xN + (long long) ih * g.xH + (long long) iw * g.xW
                + (long long) ch * g.xC;
        const long long cBase = g.cOff + (long long) n * g.cN + (long long) ch * g.cC;
        T acc = x[p];
        for (int ki = 0; ki < g.kH; ki++) {
            const int t = ih + g.padTop - ki * g.dilationH;
            if (t < 0 || t % g.strideH != 0 || t / g.strideH >= g.outH) continue;
            const int oh = t / g.strideH;
            for (int kj = g.kW - 1; kj >= 0; kj--) {
                const int u = iw + g.padLeft - kj * g.dilationW;
                if (u < 0 || u % g.strideW != 0 || u / g.strideW >= g.outW) continue;
                const int ow = u / g.strideW;
                acc = add<T>(acc, cols[cBase + (long long) oh * g.cOH + (long long) ow * g.cOW
                                       + (long long) ki * g.cKH + (long long) kj * g.cKW]);
            }
        }
        x[p] = acc;
    }
}

#define JD_WINDOW(SUFFIX, T)                                                                         \
    extern "C" __global__ void im2col_##SUFFIX(ConvMeta g, const T* x, T* cols, T pad) {              \
        im2col_body<T>(g, x, cols, pad);                                                             \
    }                                                                                                \
    extern "C" __global__ void col2im_##SUFFIX(ConvMeta g, const T* cols, T* x) {                     \
        col2im_body<T>(g, cols, x);                                                                  \
    }

JD_WINDOW(f32, float)
JD_WINDOW(f64, double)
JD_WINDOW(i32, int)
