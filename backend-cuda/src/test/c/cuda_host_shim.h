/*
 * Compiles jdeep's CUDA kernels (the .cu files of src/main/cuda) as host C++ for the kernel emulator
 * (cuda_emulator.cpp): every CUDA thread of a block runs as a fiber on one OS thread, switching at
 * __syncthreads and warp shuffles, so the kernels' real code, index arithmetic, shared-memory trees and
 * grid-stride loops run without a GPU. Host math replaces device math (tolerances cover the difference).
 * Force-included (g++ -include) before each .cu file.
 */
#ifndef JDEEP_CUDA_HOST_SHIM_H
#define JDEEP_CUDA_HOST_SHIM_H

#include <math.h>
#include <string.h>
#include <algorithm>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static
#define __align__(n) __attribute__((aligned(n)))
#define __launch_bounds__(...)

struct dim3 {
    unsigned x, y, z;
};

extern dim3 threadIdx;
extern dim3 blockIdx;
extern dim3 blockDim;
extern dim3 gridDim;

void emu_syncthreads();
void emu_shfl_exchange(const void *in, void *out, int size, int delta);

inline void __syncthreads() { emu_syncthreads(); }

template <typename T>
inline T __shfl_down_sync(unsigned mask, T v, int delta) {
    (void) mask;
    T r;
    emu_shfl_exchange(&v, &r, (int) sizeof(T), delta);
    return r;
}

inline int atomicMin(int *p, int v) {
    int old = *p;
    if (v < old) *p = v;
    return old;
}

inline int min(int a, int b) { return a < b ? a : b; }
inline int max(int a, int b) { return a > b ? a : b; }

inline int __float_as_int(float f) { int i; memcpy(&i, &f, 4); return i; }
inline float __int_as_float(int i) { float f; memcpy(&f, &i, 4); return f; }
inline long long __double_as_longlong(double d) { long long l; memcpy(&l, &d, 8); return l; }
inline double __longlong_as_double(long long l) { double d; memcpy(&d, &l, 8); return d; }

/* Registers a kernel of the including translation unit with the emulator. */
typedef void (*emu_invoker)(void **params);
void emu_register(const char *name, emu_invoker invoker);

#include <utility>
#include <type_traits>
template <typename... A, size_t... I>
inline void emu_call(void (*f)(A...), void **p, std::index_sequence<I...>) {
    f(*static_cast<typename std::remove_reference<A>::type *>(p[I])...);
}
template <typename... A>
inline void emu_invoke(void (*f)(A...), void **p) {
    emu_call(f, p, std::index_sequence_for<A...>{});
}

#define EMU_KERNEL(name)                                                          \
    static struct emu_reg_##name {                                                \
        emu_reg_##name() {                                                        \
            emu_register(#name, [](void **p) { emu_invoke(name, p); });          \
        }                                                                         \
    } emu_reg_instance_##name;

#endif
