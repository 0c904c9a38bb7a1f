// Elementwise primitives: unary, binary, where, copy (with dtype conversion) and fill, over strided views.
// One thread per element in a grid-stride loop; operand 0 of the ElemMeta is always the output.
#include "jdeep_cuda.cuh"

// ----- unary -----

__device__ __forceinline__ float unary_f(int op, float x) {
    switch (op) {
        case JD_UNARY_NEG: return -x;
        case JD_UNARY_ABS: return fabsf(x);
        case JD_UNARY_SIGN: return x != x ? x : (float) ((x > 0.0f) - (x < 0.0f));
        case JD_UNARY_SQUARE: return x * x;
        case JD_UNARY_SQRT: return sqrtf(x);
        case JD_UNARY_RECIPROCAL: return 1.0f / x;
        case JD_UNARY_EXP: return expf(x);
        case JD_UNARY_LOG: return logf(x);
        case JD_UNARY_LOG1P: return log1pf(x);
        case JD_UNARY_EXPM1: return expm1f(x);
        case JD_UNARY_TANH: return tanhf(x);
        case JD_UNARY_SIGMOID: {
            // 1/(1+e) for x >= 0 and e/(1+e) for x < 0, with e = e^-|x| (never overflows; NaN stays NaN).
            float e = expf(-fabsf(x));
            return (x >= 0.0f ? 1.0f : e) / (1.0f + e);
        }
        case JD_UNARY_SOFTPLUS: return jd_max(x, 0.0f) + log1pf(expf(-fabsf(x)));
        case JD_UNARY_RELU: return jd_max(x, 0.0f);
        default: return __int_as_float(0x7fc00000);
    }
}

__device__ __forceinline__ double unary_d(int op, double x) {
    switch (op) {
        case JD_UNARY_NEG: return -x;
        case JD_UNARY_ABS: return fabs(x);
        case JD_UNARY_SIGN: return x != x ? x : (double) ((x > 0.0) - (x < 0.0));
        case JD_UNARY_SQUARE: return x * x;
        case JD_UNARY_SQRT: return sqrt(x);
        case JD_UNARY_RECIPROCAL: return 1.0 / x;
        case JD_UNARY_EXP: return exp(x);
        case JD_UNARY_LOG: return log(x);
        case JD_UNARY_LOG1P: return log1p(x);
        case JD_UNARY_EXPM1: return expm1(x);
        case JD_UNARY_TANH: return tanh(x);
        case JD_UNARY_SIGMOID: {
            double e = exp(-fabs(x));
            return (x >= 0.0 ? 1.0 : e) / (1.0 + e);
        }
        case JD_UNARY_SOFTPLUS: return jd_max(x, 0.0) + log1p(exp(-fabs(x)));
        case JD_UNARY_RELU: return jd_max(x, 0.0);
        default: return __longlong_as_double(0x7ff8000000000000LL);
    }
}

__device__ __forceinline__ int unary_i(int op, int x) {
    unsigned u = (unsigned) x;
    switch (op) {
        case JD_UNARY_NEG: return (int) (0u - u);
        case JD_UNARY_ABS: return x < 0 ? (int) (0u - u) : x;   // |INT_MIN| wraps to INT_MIN, as Math.abs
        case JD_UNARY_SIGN: return (x > 0) - (x < 0);
        case JD_UNARY_SQUARE: return (int) (u * u);
        case JD_UNARY_RELU: return x > 0 ? x : 0;
        default: return 0;                                          // floating-only ops never reach INT32
    }
}

extern "C" __global__ void unary_f32(int op, ElemMeta m, float* out, const float* x) {
    JD_GRID_LOOP(i, m.n) {
        long long o[2];
        elem_offsets<2>(m, i, o);
        out[o[0]] = unary_f(op, x[o[1]]);
    }
}

extern "C" __global__ void unary_f64(int op, ElemMeta m, double* out, const double* x) {
    JD_GRID_LOOP(i, m.n) {
        long long o[2];
        elem_offsets<2>(m, i, o);
        out[o[0]] = unary_d(op, x[o[1]]);
    }
}

extern "C" __global__ void unary_i32(int op, ElemMeta m, int* out, const int* x) {
    JD_GRID_LOOP(i, m.n) {
        long long o[2];
        elem_offsets<2>(m, i, o);
        out[o[0]] = unary_i(op, x[o[1]]);
    }
}

// ----- binary -----

// Math.pow on top of C's pow: they differ only where |a| == 1 meets a NaN or infinite exponent.
__device__ __forceinline__ float java_pow(float a, float b) {
    if (b != b) return b;
    if (isinf(b) && fabsf(a) == 1.0f) return __int_as_float(0x7fc00000);
    return powf(a, b);
}
__device__ __forceinline__ double java_pow(double a, double b) {
    if (b != b) return b;
    if (isinf(b) && fabs(a) == 1.0) return __longlong_as_double(0x7ff8000000000000LL);
    return pow(a, b);
}

template <typename T>
__device__ __forceinline__ T binary_fp(int op, T a, T b) {
    switch (op) {
        case JD_BINARY_ADD: return a + b;
        case JD_BINARY_SUB: return a - b;
        case JD_BINARY_MUL: return a * b;
        case JD_BINARY_DIV: return a / b;
        case JD_BINARY_POW: return java_pow(a, b);
        case JD_BINARY_MAXIMUM: return jd_max(a, b);
        case JD_BINARY_MINIMUM: return jd_min(a, b);
        case JD_BINARY_EQ: return (T) (a == b ? 1 : 0);
        case JD_BINARY_NE: return (T) (a != b ? 1 : 0);
        case JD_BINARY_GT: return (T) (a > b ? 1 : 0);
        case JD_BINARY_GE: return (T) (a >= b ? 1 : 0);
        case JD_BINARY_LT: return (T) (a < b ? 1 : 0);
        case JD_BINARY_LE: return (T) (a <= b ? 1 : 0);
        default: return a;
    }
}

// Floor division (numpy's //) with x/0 = 0 and INT_MIN / -1 wrapping to INT_MIN, as Math.floorDiv does.
__device__ __forceinline__ int floor_div(int a, int b) {
    if (b == 0) return 0;
    if (b == -1) return (int) (0u - (unsigned) a);
    int q = a / b;
    if ((a % b != 0) && ((a ^ b) < 0)) q--;
    return q;
}

// The INT32 power: exact modulo 2^32 for b >= 0; for b < 0, 1/a^|b| truncated (nonzero only for a = +-1).
__device__ __forceinline__ int int_pow(int a, int b) {
    if (b < 0) {
        if (a == 1) return 1;
        return a == -1 ? ((b & 1) == 0 ? 1 : -1) : 0;
    }
    unsigned result = 1u;
    unsigned base = (unsigned) a;
    unsigned e = (unsigned) b;
    while (e != 0u) {
        if (e & 1u) result *= base;
        e >>= 1;
        base *= base;
    }
    return (int) result;
}

__device__ __forceinline__ int binary_i(int op, int a, int b) {
    unsigned ua = (unsigned) a;
    unsigned ub = (unsigned) b;
    switch (op) {
        case JD_BINARY_ADD: return (int) (ua + ub);
        case JD_BINARY_SUB: return (int) (ua - ub);
        case JD_BINARY_MUL: return (int) (ua * ub);
        case JD_BINARY_DIV: return floor_div(a, b);
        case JD_BINARY_POW: return int_pow(a, b);
        case JD_BINARY_MAXIMUM: return a >= b ? a : b;
        case JD_BINARY_MINIMUM: return a <= b ? a : b;
        case JD_BINARY_EQ: return a == b;
        case JD_BINARY_NE: return a != b;
        case JD_BINARY_GT: return a > b;
        case JD_BINARY_GE: return a >= b;
        case JD_BINARY_LT: return a < b;
        case JD_BINARY_LE: return a <= b;
        default: return 0;
    }
}

extern "C" __global__ void binary_f32(int op, ElemMeta m, float* out, const float* a, const float* b) {
    JD_GRID_LOOP(i, m.n) {
        long long o[3];
        elem_offsets<3>(m, i, o);
        out[o[0]] = binary_fp<float>(op, a[o[1]], b[o[2]]);
    }
}

extern "C" __global__ void binary_f64(int op, ElemMeta m, double* out, const double* a, const double* b) {
    JD_GRID_LOOP(i, m.n) {
        long long o[3];
        elem_offsets<3>(m, i, o);
        out[o[0]] = binary_fp<double>(op, a[o[1]], b[o[2]]);
    }
}

extern "C" __global__ void binary_i32(int op, ElemMeta m, int* out, const int* a, const int* b) {
    JD_GRID_LOOP(i, m.n) {
        long long o[3];
        elem_offsets<3>(m, i, o);
        out[o[0]] = binary_i(op, a[o[1]], b[o[2]]);
    }
}

// ----- where: out = cond != 0 ? a : b, cond of any dtype (NaN != 0 is true) -----

__device__ __forceinline__ bool truth(int condType, const void* cond, long long p) {
    switch (condType) {
        case JD_DTYPE_FLOAT32: return ((const float*) cond)[p] != 0.0f;
        case JD_DTYPE_FLOAT64: return ((const double*) cond)[p] != 0.0;
        default: return ((const int*) cond)[p] != 0;
    }
}

template <typename T>
__device__ __forceinline__ void where_body(int condType, const ElemMeta& m, T* out, const void* cond,
                                           const T* a, const T* b) {
    JD_GRID_LOOP(i, m.n) {
        long long o[4];
        elem_offsets<4>(m, i, o);
        out[o[0]] = truth(condType, cond, o[1]) ? a[o[2]] : b[o[3]];
    }
}

extern "C" __global__ void where_f32(int condType, ElemMeta m, float* out, const void* cond, const float* a,
                                     const float* b) {
    where_body<float>(condType, m, out, cond, a, b);
}

extern "C" __global__ void where_f64(int condType, ElemMeta m, double* out, const void* cond, const double* a,
                                     const double* b) {
    where_body<double>(condType, m, out, cond, a, b);
}

extern "C" __global__ void where_i32(int condType, ElemMeta m, int* out, const void* cond, const int* a,
                                     const int* b) {
    where_body<int>(condType, m, out, cond, a, b);
}

// ----- copy with conversion: copy_<from>_<to> -----

#define JD_COPY(NAME, F, T)                                                            \
    extern "C" __global__ void NAME(ElemMeta m, T* dst, const F* src) {                \
        JD_GRID_LOOP(i, m.n) {                                                         \
            long long o[2];                                                            \
            elem_offsets<2>(m, i, o);                                                  \
            dst[o[0]] = Conv<F, T>::of(src[o[1]]);                                     \
        }                                                                              \
    }

JD_COPY(copy_f32_f32, float, float)
JD_COPY(copy_f32_f64, float, double)
JD_COPY(copy_f32_i32, float, int)
JD_COPY(copy_f64_f32, double, float)
JD_COPY(copy_f64_f64, double, double)
JD_COPY(copy_f64_i32, double, int)
JD_COPY(copy_i32_f32, int, float)
JD_COPY(copy_i32_f64, int, double)
JD_COPY(copy_i32_i32, int, int)

// ----- fill: the value arrives already converted to the dtype by the host (Java's cast) -----

#define JD_FILL(NAME, T)                                                               \
    extern "C" __global__ void NAME(ElemMeta m, T* dst, T value) {                     \
        JD_GRID_LOOP(i, m.n) {                                                         \
            long long o[1];                                                            \
            elem_offsets<1>(m, i, o);                                                  \
            dst[o[0]] = value;                                                         \
        }                                                                              \
    }

JD_FILL(fill_f32, float)
JD_FILL(fill_f64, double)
JD_FILL(fill_i32, int)
