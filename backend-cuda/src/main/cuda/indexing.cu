// gather and scatterAdd along one axis with a 1-D INT32 index view, and the index check both run first.
// AxisMeta: the outer (non-indexed) axes, coalesced; a is the read view, b the written one; len is the
// number of indices.
#include "jdeep_cuda.cuh"

// firstBad[0] = the lowest position j whose index is outside [0, limit) (the host sets it to INT_MAX first).
extern "C" __global__ void check_indices(const int* idx, int idxOff, int idxStride, int k, int limit,
                                         int* firstBad) {
    JD_GRID_LOOP(j, k) {
        int v = idx[idxOff + (long long) j * idxStride];
        if (v < 0 || v >= limit) {
            atomicMin(firstBad, (int) j);
        }
    }
}

// out[t, j] = x[t, idx[j]]: one thread per output element; flags bit 0 set walks j fastest (the host sets it
// when j is the denser axis of out), else t fastest.
template <typename T>
__device__ __forceinline__ void gather_body(const AxisMeta& m, T* out, const T* x, const int* idx, int idxOff,
                                            int idxStride) {
    const long long total = (long long) m.outer * m.len;
    JD_GRID_LOOP(i, total) {
        unsigned t;
        unsigned j;
        if (m.flags & 1) {
            j = i % (unsigned) m.len;
            t = i / (unsigned) m.len;
        } else {
            t = i % (unsigned) m.outer;
            j = i / (unsigned) m.outer;
        }
        long long px;
        long long po;
        axis_offsets(m, t, &px, &po);
        const int src = idx[idxOff + (long long) j * idxStride];
        out[po + (long long) j * m.bAxis] = x[px + (long long) src * m.aAxis];
    }
}

// dst[t, idx[j]] += src[t, j]: one thread per outer position t, walking j in order, so that repeated
// indices accumulate without atomics, deterministically and in the CPU backend's order.
template <typename T>
__device__ __forceinline__ T add(T a, T b) { return a + b; }
template <>
__device__ __forceinline__ int add<int>(int a, int b) { return (int) ((unsigned) a + (unsigned) b); }

template <typename T>
__device__ __forceinline__ void scatter_body(const AxisMeta& m, T* dst, const T* src, const int* idx, int idxOff,
                                             int idxStride) {
    JD_GRID_LOOP(t, m.outer) {
        long long ps;
        long long pd;
        axis_offsets(m, t, &ps, &pd);
        for (int j = 0; j < m.len; j++) {
            const int target = idx[idxOff + (long long) j * idxStride];
            const long long q = pd + (long long) target * m.bAxis;
            dst[q] = add<T>(dst[q], src[ps + (long long) j * m.aAxis]);
        }
    }
}

#define JD_INDEXING(SUFFIX, T)                                                                          \
    extern "C" __global__ void gather_##SUFFIX(AxisMeta m, T* out, const T* x, const int* idx, int idxOff, \
                                               int idxStride) {                                         \
        gather_body<T>(m, out, x, idx, idxOff, idxStride);                                              \
    }                                                                                                   \
    extern "C" __global__ void scatter_add_##SUFFIX(AxisMeta m, T* dst, const T* src, const int* idx,     \
                                                    int idxOff, int idxStride) {                        \
        scatter_body<T>(m, dst, src, idx, idxOff, idxStride);                                           \
    }

JD_INDEXING(f32, float)
JD_INDEXING(f64, double)
JD_INDEXING(i32, int)
