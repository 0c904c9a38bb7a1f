// jdeep's CUDA kernels: shared definitions. Compiled to PTX by tools/build_ptx.sh; never edit the .ptx.
//
// Every struct below is passed to a kernel by value (a .param .align 4 .b8 name[N] in the PTX) and built
// on the Java side as an int[] in the field order written here: CudaKernels.java mirrors these layouts and
// KernelSignatureTest checks each kernel's PTX parameter list against the Java declaration.
//
// Semantics follow the SPI Javadoc and the CPU backend (the reference): Java's Math.max/min (NaN wins,
// +0 beats -0), Java casts for float -> int (truncate, NaN -> 0, saturate), wrap-around INT32 arithmetic
// (done in unsigned so that the compiler may assume nothing), floor division with x/0 = 0.
#ifndef JDEEP_CUDA_CUH
#define JDEEP_CUDA_CUH

#define JD_MAX_RANK 8
#define JD_INT_MAX 2147483647
#define JD_INT_MIN (-2147483647 - 1)

// Elementwise iteration over one shape for up to four operands (operand 0 is the written one).
struct ElemMeta {
    int rank;                        // coalesced rank, 0..8
    int n;                           // number of elements
    int shape[JD_MAX_RANK];
    int offset[4];
    int stride[4][JD_MAX_RANK];
};                                   // 46 ints, 184 bytes

// One axis against the others ("outer" axes, coalesced): reductions, softmax, gather, scatterAdd.
// Operand a is read, operand b is written.
struct AxisMeta {
    int rank;                        // outer rank, 0..8
    int outer;                       // product of the outer shape
    int len;                         // length of the axis (k for gather/scatterAdd)
    int flags;                       // kernel-specific
    int aOff;
    int bOff;
    int aAxis;                       // stride of the axis in a
    int bAxis;                       // stride of the axis in b
    int shape[JD_MAX_RANK];
    int aStride[JD_MAX_RANK];
    int bStride[JD_MAX_RANK];
};                                   // 32 ints, 128 bytes

// Batched matrix product geometry; transposes are already folded into the strides.
struct MatMeta {
    int batch, m, n, k;
    int aOff, aBatch, aRow, aCol;    // a[b][i][p] at aOff + b*aBatch + i*aRow + p*aCol
    int bOff, bBatch, bRow, bCol;    // b[b][p][j]
    int oOff, oBatch, oRow, oCol;    // out[b][i][j]
};                                   // 16 ints, 64 bytes

// im2col / col2im geometry: x (N, H, W, C) and cols (N, outH, outW, kH, kW, C), any strides.
struct ConvMeta {
    int N, H, W, C, outH, outW, kH, kW;
    int strideH, strideW, padTop, padLeft, dilationH, dilationW;
    int xOff, xN, xH, xW, xC;
    int cOff, cN, cOH, cOW, cKH, cKW, cC;
};                                   // 26 ints, 104 bytes

// Element offsets of linear index i of an ElemMeta, for operands 0..count-1.
template <int COUNT>
__device__ __forceinline__ void elem_offsets(const ElemMeta& m, unsigned i, long long* off) {
    // Fully unrolled with constant indices, so that the struct is read from parameter space instead of
    // being copied to local memory for dynamic indexing.
#pragma unroll
    for (int k = 0; k < COUNT; k++) {
        off[k] = m.offset[k];
    }
#pragma unroll
    for (int d = JD_MAX_RANK - 1; d > 0; d--) {
        if (d < m.rank) {
            unsigned s = (unsigned) m.shape[d];
            unsigned c = i % s;
            i /= s;
#pragma unroll
            for (int k = 0; k < COUNT; k++) {
                off[k] += (long long) c * m.stride[k][d];
            }
        }
    }
    if (m.rank > 0) {
#pragma unroll
        for (int k = 0; k < COUNT; k++) {
            off[k] += (long long) i * m.stride[k][0];
        }
    }
}

// Offsets in a and b of outer (non-axis) position t of an AxisMeta.
__device__ __forceinline__ void axis_offsets(const AxisMeta& m, unsigned t, long long* a, long long* b) {
    long long oa = m.aOff;
    long long ob = m.bOff;
#pragma unroll
    for (int d = JD_MAX_RANK - 1; d > 0; d--) {
        if (d < m.rank) {
            unsigned s = (unsigned) m.shape[d];
            unsigned c = t % s;
            t /= s;
            oa += (long long) c * m.aStride[d];
            ob += (long long) c * m.bStride[d];
        }
    }
    if (m.rank > 0) {
        oa += (long long) t * m.aStride[0];
        ob += (long long) t * m.bStride[0];
    }
    *a = oa;
    *b = ob;
}

// Grid-stride loop over [0, n): unsigned, so i + stride cannot overflow for n < 2^31.
#define JD_GRID_LOOP(i, n) \
    for (unsigned i = blockIdx.x * blockDim.x + threadIdx.x; i < (unsigned) (n); i += gridDim.x * blockDim.x)

// ----- Java semantics -----

__device__ __forceinline__ bool jd_isnan(float v) { return v != v; }
__device__ __forceinline__ bool jd_isnan(double v) { return v != v; }
__device__ __forceinline__ bool jd_isnan(int) { return false; }

// Math.max: NaN if either is NaN (a's if both), +0 beats -0, else the larger.
__device__ __forceinline__ float jd_max(float a, float b) {
    if (a != a) return a;
    if (a == 0.0f && b == 0.0f && __float_as_int(a) == (int) 0x80000000) return b;
    return a >= b ? a : b;
}
__device__ __forceinline__ double jd_max(double a, double b) {
    if (a != a) return a;
    if (a == 0.0 && b == 0.0 && __double_as_longlong(a) == (long long) 0x8000000000000000ULL) return b;
    return a >= b ? a : b;
}
__device__ __forceinline__ int jd_max(int a, int b) { return a >= b ? a : b; }

// Math.min: NaN if either is NaN, -0 beats +0, else the smaller.
__device__ __forceinline__ float jd_min(float a, float b) {
    if (a != a) return a;
    if (a == 0.0f && b == 0.0f && __float_as_int(b) == (int) 0x80000000) return b;
    return a <= b ? a : b;
}
__device__ __forceinline__ double jd_min(double a, double b) {
    if (a != a) return a;
    if (a == 0.0 && b == 0.0 && __double_as_longlong(b) == (long long) 0x8000000000000000ULL) return b;
    return a <= b ? a : b;
}
__device__ __forceinline__ int jd_min(int a, int b) { return a <= b ? a : b; }

// Java's (int) cast of a floating value: truncate toward zero, NaN -> 0, saturate.
__device__ __forceinline__ int jd_to_int(double v) {
    if (v != v) return 0;
    if (v >= 2147483647.0) return JD_INT_MAX;
    if (v <= -2147483648.0) return JD_INT_MIN;
    return (int) v;
}
__device__ __forceinline__ int jd_to_int(float v) {
    if (v != v) return 0;
    if (v >= 2147483647.0f) return JD_INT_MAX;
    if (v <= -2147483648.0f) return JD_INT_MIN;
    return (int) v;
}

// Conversions as Java's casts: Conv<From, To>::of(x).
template <typename F, typename T> struct Conv { static __device__ __forceinline__ T of(F v) { return (T) v; } };
template <> struct Conv<float, int> { static __device__ __forceinline__ int of(float v) { return jd_to_int(v); } };
template <> struct Conv<double, int> { static __device__ __forceinline__ int of(double v) { return jd_to_int(v); } };
// FLOAT64 -> FLOAT32 rounds to nearest (cvt.rn), the default of a C cast.


// Op codes. The Java side's CudaKernels.code(...) switches must give the same numbers (OpCodeTest
// parses these lines).
#define JD_UNARY_NEG 0
#define JD_UNARY_ABS 1
#define JD_UNARY_SIGN 2
#define JD_UNARY_SQUARE 3
#define JD_UNARY_SQRT 4
#define JD_UNARY_RECIPROCAL 5
#define JD_UNARY_EXP 6
#define JD_UNARY_LOG 7
#define JD_UNARY_LOG1P 8
#define JD_UNARY_EXPM1 9
#define JD_UNARY_TANH 10
#define JD_UNARY_SIGMOID 11
#define JD_UNARY_SOFTPLUS 12
#define JD_UNARY_RELU 13
#define JD_BINARY_ADD 0
#define JD_BINARY_SUB 1
#define JD_BINARY_MUL 2
#define JD_BINARY_DIV 3
#define JD_BINARY_POW 4
#define JD_BINARY_MAXIMUM 5
#define JD_BINARY_MINIMUM 6
#define JD_BINARY_EQ 7
#define JD_BINARY_NE 8
#define JD_BINARY_GT 9
#define JD_BINARY_GE 10
#define JD_BINARY_LT 11
#define JD_BINARY_LE 12
#define JD_REDUCE_SUM 0
#define JD_REDUCE_MAX 1
#define JD_REDUCE_MIN 2
#define JD_REDUCE_ARGMAX 3
#define JD_REDUCE_ARGMIN 4
#define JD_DTYPE_FLOAT32 0
#define JD_DTYPE_FLOAT64 1
#define JD_DTYPE_INT32 2

#endif
