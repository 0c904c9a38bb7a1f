// Batched matrix product out[b] = a[b] . b[b] with any strides (transposes are folded into the strides by
// the host), tiled through shared memory: a block of 16x16 threads computes a 64x64 tile of the output,
// each thread a 4x4 register block, walking k in steps of 16 with the next slices of a and b staged in
// shared memory. Loads pick the thread-to-element mapping that keeps a warp's reads contiguous for
// whichever of the two strides of an operand is 1 (plain or transposed storage). FLOAT32 accumulates in
// float with fused multiply-adds, FLOAT64 in double. k = 0 writes zeros.
#include "jdeep_cuda.cuh"

#define BM 64
#define BN 64
#define BK 16
#define TPB 256   // 16 x 16 threads

template <typename T>
__device__ __forceinline__ void matmul_body(const MatMeta& g, const T* __restrict__ a, const T* __restrict__ b,
                                            T* __restrict__ out) {
    __shared__ T As[BK][BM + 1];
    __shared__ T Bs[BK][BN + 1];
    const int tx = threadIdx.x;          // 0..15, output columns tx + 16j
    const int ty = threadIdx.y;          // 0..15, output rows ty + 16i
    const int l = ty * 16 + tx;          // 0..255
    const int tilesM = (g.m + BM - 1) / BM;
    const bool aRowsDense = g.aRow == 1 && g.aCol != 1;   // a stored column-major (a transposed view)
    const bool bColsDense = g.bCol == 1;                  // b stored row-major
    for (int bt = blockIdx.z; bt < g.batch; bt += gridDim.z) {
        const long long aBase = g.aOff + (long long) bt * g.aBatch;
        const long long bBase = g.bOff + (long long) bt * g.bBatch;
        const long long oBase = g.oOff + (long long) bt * g.oBatch;
        for (int tm = blockIdx.y; tm < tilesM; tm += gridDim.y) {
            const int m0 = tm * BM;
            const int n0 = blockIdx.x * BN;
            T acc[4][4];
#pragma unroll
            for (int i = 0; i < 4; i++) {
#pragma unroll
                for (int j = 0; j < 4; j++) {
                    acc[i][j] = (T) 0;
                }
            }
            for (int k0 = 0; k0 < g.k; k0 += BK) {
                // Stage a[m0.., k0..] (64 x 16) and b[k0.., n0..] (16 x 64): 4 elements per thread each.
#pragma unroll
                for (int q = 0; q < 4; q++) {
                    int r;
                    int p;
                    if (aRowsDense) {
                        r = l % BM;
                        p = l / BM + 4 * q;
                    } else {
                        p = l % BK;
                        r = l / BK + 16 * q;
                    }
                    const int gm = m0 + r;
                    const int gk = k0 + p;
                    As[p][r] = (gm < g.m && gk < g.k)
                            ? a[aBase + (long long) gm * g.aRow + (long long) gk * g.aCol] : (T) 0;
                }
#pragma unroll
                for (int q = 0; q < 4; q++) {
                    int p;
                    int c;
                    if (bColsDense) {
                        c = l % BN;
                        p = l / BN + 4 * q;
                    } else {
                        p = l % BK;
                        c = l / BK + 16 * q;
                    }
                    const int gk = k0 + p;
                    const int gn = n0 + c;
                    Bs[p][c] = (gk < g.k && gn < g.n)
                            ? b[bBase + (long long) gk * g.bRow + (long long) gn * g.bCol] : (T) 0;
                }
                __syncthreads();
#pragma unroll
                for (int p = 0; p < BK; p++) {
                    T av[4];
                    T bv[4];
#pragma unroll
                    for (int i = 0; i < 4; i++) {
                        av[i] = As[p][ty + 16 * i];
                        bv[i] = Bs[p][tx + 16 * i];
                    }
#pragma unroll
                    for (int i = 0; i < 4; i++) {
#pragma unroll
                        for (int j = 0; j < 4; j++) {
                            acc[i][j] += av[i] * bv[j];
                        }
                    }
                }
                __syncthreads();
            }
#pragma unroll
            for (int i = 0; i < 4; i++) {
                const int gm = m0 + ty + 16 * i;
                if (gm < g.m) {
#pragma unroll
                    for (int j = 0; j < 4; j++) {
                        const int gn = n0 + tx + 16 * j;
                        if (gn < g.n) {
                            out[oBase + (long long) gm * g.oRow + (long long) gn * g.oCol] = acc[i][j];
                        }
                    }
                }
            }
        }
    }
}

extern "C" __global__ void __launch_bounds__(TPB) matmul_f32(MatMeta g, const float* a, const float* b, float* out) {
    matmul_body<float>(g, a, b, out);
}

extern "C" __global__ void __launch_bounds__(TPB) matmul_f64(MatMeta g, const double* a, const double* b,
                                                             double* out) {
    matmul_body<double>(g, a, b, out);
}
