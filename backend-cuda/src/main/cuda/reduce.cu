// Reductions along one axis (SUM, MAX, MIN, ARGMAX, ARGMIN) and the fused softmax.
//
// A block is blockDim.x * blockDim.y = 256 threads: x runs over up to blockDim.x neighbouring outputs (a
// "tile"), y over the reduced axis. The host picks the layout: (1, 256) when the axis is the dense one (a
// whole block strides along one lane), (32, 8) when neighbouring outputs are the dense ones (a warp reads
// 32 neighbouring outputs at one axis position, coalesced). Each thread accumulates serially, then the
// block combines the partial results with a shared-memory tree and, where a warp holds one lane, warp
// shuffles. When there are too few tiles to fill the GPU, the axis is split into gridDim.y chunks whose
// partial results go to a scratch buffer, and reduce_final_* combines them with the same tree.
//
// SUM accumulates FLOAT32 in double, and INT32 in unsigned (wrap-around). MAX and MIN are the value of
// ARGMAX and ARGMIN: the first largest (smallest) element, or the first NaN, exactly as the CPU backend.
#include "jdeep_cuda.cuh"

#define JD_THREADS 256

template <typename T> struct Best {
    T v;
    int i;            // index along the axis; JD_INT_MAX marks "no element yet"
};

template <typename T> struct SumOf { typedef double type; };
template <> struct SumOf<int> { typedef unsigned type; };

// Which of two candidates wins: a NaN beats any number, then the larger (smaller) value, then the lower
// index. The order is total, so any tree order gives the element a left-to-right scan would pick.
template <typename T>
__device__ __forceinline__ Best<T> pick(Best<T> a, Best<T> b, bool isMax) {
    if (a.i == JD_INT_MAX) return b;
    if (b.i == JD_INT_MAX) return a;
    bool an = jd_isnan(a.v);
    bool bn = jd_isnan(b.v);
    if (an || bn) {
        if (an && bn) return a.i <= b.i ? a : b;
        return an ? a : b;
    }
    if (isMax ? a.v > b.v : a.v < b.v) return a;
    if (isMax ? b.v > a.v : b.v < a.v) return b;
    return a.i <= b.i ? a : b;
}

__device__ __forceinline__ double shfl_down(double v, int off) { return __shfl_down_sync(0xffffffffu, v, off); }
__device__ __forceinline__ float shfl_down(float v, int off) { return __shfl_down_sync(0xffffffffu, v, off); }
__device__ __forceinline__ int shfl_down(int v, int off) { return __shfl_down_sync(0xffffffffu, v, off); }
__device__ __forceinline__ unsigned shfl_down(unsigned v, int off) { return __shfl_down_sync(0xffffffffu, v, off); }
template <typename T>
__device__ __forceinline__ Best<T> shfl_down(Best<T> b, int off) {
    Best<T> r;
    r.v = shfl_down(b.v, off);
    r.i = shfl_down(b.i, off);
    return r;
}

struct SumComb {
    template <typename V> __device__ __forceinline__ V operator()(V a, V b) const { return a + b; }
};
struct PickComb {
    bool isMax;
    template <typename T> __device__ __forceinline__ Best<T> operator()(Best<T> a, Best<T> b) const {
        return pick(a, b, isMax);
    }
};
struct MaxNanComb {
    template <typename T> __device__ __forceinline__ T operator()(T a, T b) const {
        if (jd_isnan(a)) return a;
        if (jd_isnan(b)) return b;
        return a >= b ? a : b;
    }
};

// Combines v over threadIdx.y for each threadIdx.x. blockDim.y is a power of two, and at least 32 when
// blockDim.x == 1. The result is valid in the thread with threadIdx.y == 0. Every thread must call it.
template <typename V, typename Comb>
__device__ __forceinline__ V block_reduce(V v, V* sm, Comb comb) {
    const int bx = blockDim.x;
    const int ty = threadIdx.y;
    const int t = ty * bx + threadIdx.x;
    sm[t] = v;
    __syncthreads();
    if (bx == 1) {
        for (int s = blockDim.y / 2; s >= 32; s >>= 1) {
            if (ty < s) sm[t] = comb(sm[t], sm[t + s]);
            __syncthreads();
        }
        V w = sm[t];
        if (ty < 32) {
            for (int off = 16; off > 0; off >>= 1) {
                w = comb(w, shfl_down(w, off));
            }
        }
        return w;
    }
    for (int s = blockDim.y / 2; s > 0; s >>= 1) {
        if (ty < s) sm[t] = comb(sm[t], sm[t + s * bx]);
        __syncthreads();
    }
    return sm[t];
}

// Shared scratch big enough for 256 of the largest accumulator, Best<double> (16 bytes).
#define JD_SHARED_SCRATCH __shared__ __align__(16) unsigned char smem[JD_THREADS * 16]

template <typename T>
__device__ __forceinline__ void reduce_body(int op, const AxisMeta& m, const T* x, void* out, void* pval,
                                            int* pidx, int chunkLen, int nChunks) {
    JD_SHARED_SCRATCH;
    typedef typename SumOf<T>::type S;
    const int bx = blockDim.x;
    const int tiles = (m.outer + bx - 1) / bx;
    const int chunk = blockIdx.y;
    const int from = chunk * chunkLen;
    const int to = min(m.len, from + chunkLen);
    for (int tile = blockIdx.x; tile < tiles; tile += gridDim.x) {
        const int t = tile * bx + threadIdx.x;
        const bool active = t < m.outer;
        long long px = 0;
        long long po = 0;
        if (active) axis_offsets(m, (unsigned) t, &px, &po);
        if (op == JD_REDUCE_SUM) {
            S acc = 0;
            if (active) {
                for (int l = from + threadIdx.y; l < to; l += blockDim.y) {
                    acc += (S) x[px + (long long) l * m.aAxis];
                }
            }
            acc = block_reduce<S>(acc, (S*) smem, SumComb());
            if (active && threadIdx.y == 0) {
                if (nChunks == 1) {
                    ((T*) out)[po] = (T) acc;
                } else {
                    ((S*) pval)[(long long) t * nChunks + chunk] = acc;
                }
            }
        } else {
            const bool isMax = op == JD_REDUCE_MAX || op == JD_REDUCE_ARGMAX;
            Best<T> best;
            best.v = (T) 0;
            best.i = JD_INT_MAX;
            if (active) {
                for (int l = from + threadIdx.y; l < to; l += blockDim.y) {
                    Best<T> c;
                    c.v = x[px + (long long) l * m.aAxis];
                    c.i = l;
                    best = pick(best, c, isMax);
                }
            }
            PickComb comb;
            comb.isMax = isMax;
            best = block_reduce<Best<T> >(best, (Best<T>*) smem, comb);
            if (active && threadIdx.y == 0) {
                if (nChunks == 1) {
                    if (op == JD_REDUCE_ARGMAX || op == JD_REDUCE_ARGMIN) {
                        ((int*) out)[po] = best.i;
                    } else {
                        ((T*) out)[po] = best.v;
                    }
                } else {
                    long long q = (long long) t * nChunks + chunk;
                    ((T*) pval)[q] = best.v;
                    pidx[q] = best.i;
                }
            }
        }
        __syncthreads();
    }
}

// Combines the nChunks partial results of each output (blockDim = (1, 256), one block per output).
template <typename T>
__device__ __forceinline__ void reduce_final_body(int op, const AxisMeta& m, void* out, const void* pval,
                                                  const int* pidx, int nChunks) {
    JD_SHARED_SCRATCH;
    typedef typename SumOf<T>::type S;
    for (int t = blockIdx.x; t < m.outer; t += gridDim.x) {
        long long px = 0;
        long long po = 0;
        axis_offsets(m, (unsigned) t, &px, &po);
        const long long base = (long long) t * nChunks;
        if (op == JD_REDUCE_SUM) {
            S acc = 0;
            for (int c = threadIdx.y; c < nChunks; c += blockDim.y) {
                acc += ((const S*) pval)[base + c];
            }
            acc = block_reduce<S>(acc, (S*) smem, SumComb());
            if (threadIdx.y == 0) ((T*) out)[po] = (T) acc;
        } else {
            const bool isMax = op == JD_REDUCE_MAX || op == JD_REDUCE_ARGMAX;
            Best<T> best;
            best.v = (T) 0;
            best.i = JD_INT_MAX;
            for (int c = threadIdx.y; c < nChunks; c += blockDim.y) {
                Best<T> p;
                p.v = ((const T*) pval)[base + c];
                p.i = pidx[base + c];
                best = pick(best, p, isMax);
            }
            PickComb comb;
            comb.isMax = isMax;
            best = block_reduce<Best<T> >(best, (Best<T>*) smem, comb);
            if (threadIdx.y == 0) {
                if (op == JD_REDUCE_ARGMAX || op == JD_REDUCE_ARGMIN) {
                    ((int*) out)[po] = best.i;
                } else {
                    ((T*) out)[po] = best.v;
                }
            }
        }
        __syncthreads();
    }
}

extern "C" __global__ void reduce_f32(int op, AxisMeta m, const float* x, void* out, void* pval, int* pidx,
                                      int chunkLen, int nChunks) {
    reduce_body<float>(op, m, x, out, pval, pidx, chunkLen, nChunks);
}
extern "C" __global__ void reduce_f64(int op, AxisMeta m, const double* x, void* out, void* pval, int* pidx,
                                      int chunkLen, int nChunks) {
    reduce_body<double>(op, m, x, out, pval, pidx, chunkLen, nChunks);
}
extern "C" __global__ void reduce_i32(int op, AxisMeta m, const int* x, void* out, void* pval, int* pidx,
                                      int chunkLen, int nChunks) {
    reduce_body<int>(op, m, x, out, pval, pidx, chunkLen, nChunks);
}

extern "C" __global__ void reduce_final_f32(int op, AxisMeta m, void* out, const void* pval, const int* pidx,
                                            int nChunks) {
    reduce_final_body<float>(op, m, out, pval, pidx, nChunks);
}
extern "C" __global__ void reduce_final_f64(int op, AxisMeta m, void* out, const void* pval, const int* pidx,
                                            int nChunks) {
    reduce_final_body<double>(op, m, out, pval, pidx, nChunks);
}
extern "C" __global__ void reduce_final_i32(int op, AxisMeta m, void* out, const void* pval, const int* pidx,
                                            int nChunks) {
    reduce_final_body<int>(op, m, out, pval, pidx, nChunks);
}

// ----- softmax: exp(x - max) / sum(exp(x - max)) along the axis, or its log; a is x, b is out -----

__device__ __forceinline__ float jd_exp(float v) { return expf(v); }
__device__ __forceinline__ double jd_exp(double v) { return exp(v); }

template <typename T>
__device__ __forceinline__ void softmax_body(int log, const AxisMeta& m, T* out, const T* x) {
    JD_SHARED_SCRATCH;
    __shared__ T lanemax[JD_THREADS];
    __shared__ double lanesum[JD_THREADS];
    const int bx = blockDim.x;
    const int tiles = (m.outer + bx - 1) / bx;
    for (int tile = blockIdx.x; tile < tiles; tile += gridDim.x) {
        const int t = tile * bx + threadIdx.x;
        const bool active = t < m.outer;
        long long px = 0;
        long long po = 0;
        if (active) axis_offsets(m, (unsigned) t, &px, &po);
        // Pass 1: the largest element (NaN if any).
        T mx = (T) -INFINITY;
        if (active) {
            for (int l = threadIdx.y; l < m.len; l += blockDim.y) {
                T v = x[px + (long long) l * m.aAxis];
                mx = MaxNanComb()(mx, v);
            }
        }
        mx = block_reduce<T>(mx, (T*) smem, MaxNanComb());
        if (threadIdx.y == 0) lanemax[threadIdx.x] = mx;
        __syncthreads();
        mx = lanemax[threadIdx.x];
        // Pass 2: the sum of exponentials, in double.
        double sum = 0.0;
        if (active) {
            for (int l = threadIdx.y; l < m.len; l += blockDim.y) {
                sum += (double) jd_exp(x[px + (long long) l * m.aAxis] - mx);
            }
        }
        __syncthreads();
        sum = block_reduce<double>(sum, (double*) smem, SumComb());
        if (threadIdx.y == 0) lanesum[threadIdx.x] = sum;
        __syncthreads();
        sum = lanesum[threadIdx.x];
        // Pass 3: write.
        if (active) {
            if (log) {
                T logSum = (T) ::log(sum);
                for (int l = threadIdx.y; l < m.len; l += blockDim.y) {
                    out[po + (long long) l * m.bAxis] = (x[px + (long long) l * m.aAxis] - mx) - logSum;
                }
            } else {
                double inv = 1.0 / sum;
                for (int l = threadIdx.y; l < m.len; l += blockDim.y) {
                    T e = jd_exp(x[px + (long long) l * m.aAxis] - mx);
                    out[po + (long long) l * m.bAxis] = (T) ((double) e * inv);
                }
            }
        }
        __syncthreads();
    }
}

extern "C" __global__ void softmax_f32(int log, AxisMeta m, float* out, const float* x) {
    softmax_body<float>(log, m, out, x);
}
extern "C" __global__ void softmax_f64(int log, AxisMeta m, double* out, const double* x) {
    softmax_body<double>(log, m, out, x);
}
