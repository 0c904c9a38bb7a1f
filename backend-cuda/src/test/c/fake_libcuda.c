/*
 * A stand-in for the NVIDIA driver's libcuda.so.1, for testing jdeep's CUDA backend on machines without a
 * GPU. ProbeLaunchModesTest compiles it with gcc into a temporary libcuda.so.1 and puts that directory on
 * LD_LIBRARY_PATH of a forked JVM, so that JCuda's real native library loads and calls these functions.
 * (The JVM opens libraries with RTLD_LAZY, so the hundreds of other driver functions JCuda links are only
 * looked up if called, which the backend never does.)
 *
 * FAKE_CUDA_MODE selects the scenario:
 *   device     (default) one fake GPU, compute capability 7.5, 4 SMs, FAKE_CUDA_MEM_MB MiB (default 64);
 *              memory is host memory, copies are memcpy; kernels run on the emulator when it is
 *              linked in, else launch and do nothing
 *   nodevice   cuInit fails with CUDA_ERROR_NO_DEVICE
 *   stub       cuInit fails with CUDA_ERROR_STUB_LIBRARY
 *   olddriver  a driver for CUDA 12.4
 *
 * Linked with cuda_emulator.cpp (and the kernels compiled as host C++), cuLaunchKernel runs the kernels on the
 * CPU; without it, launches do nothing.
 *
 * It also checks what a real driver would reject: cuModuleLoadData wants NUL-terminated PTX text,
 * cuModuleGetFunction a kernel that the PTX defines, cuLaunchKernel sane dimensions and a parameter array.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef void *CUcontext;
typedef void *CUmodule;
typedef void *CUfunction;
typedef void *CUstream;

#define CUDA_SUCCESS 0
#define CUDA_ERROR_INVALID_VALUE 1
#define CUDA_ERROR_OUT_OF_MEMORY 2
#define CUDA_ERROR_STUB_LIBRARY 34
#define CUDA_ERROR_NO_DEVICE 100
#define CUDA_ERROR_INVALID_DEVICE 101
#define CUDA_ERROR_INVALID_IMAGE 200
#define CUDA_ERROR_INVALID_HANDLE 400
#define CUDA_ERROR_NOT_FOUND 500

static const char *mode(void) {
    const char *m = getenv("FAKE_CUDA_MODE");
    return m ? m : "device";
}

static int is(const char *m) { return strcmp(mode(), m) == 0; }

static size_t total_bytes(void) {
    const char *mb = getenv("FAKE_CUDA_MEM_MB");
    return (size_t) (mb ? atol(mb) : 64) << 20;
}

static size_t used;

static void complain(const char *what) { fprintf(stderr, "fake libcuda: %s\n", what); }

CUresult cuInit(unsigned int flags) {
    (void) flags;
    if (is("nodevice")) return CUDA_ERROR_NO_DEVICE;
    if (is("stub")) return CUDA_ERROR_STUB_LIBRARY;
    return CUDA_SUCCESS;
}

CUresult cuDriverGetVersion(int *v) {
    *v = is("olddriver") ? 12040 : 13000;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetCount(int *count) {
    *count = 1;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGet(CUdevice *d, int ordinal) {
    if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE;
    *d = 0;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char *name, int len, CUdevice d) {
    (void) d;
    snprintf(name, (size_t) len, "jdeep fake GPU");
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int *v, int attribute, CUdevice d) {
    (void) d;
    switch (attribute) {
        case 75: *v = 7; break;   /* CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR */
        case 76: *v = 5; break;   /* CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR */
        case 16: *v = 4; break;   /* CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT */
        default: *v = 0; break;
    }
    return CUDA_SUCCESS;
}

CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice d) {
    (void) d;
    *bytes = total_bytes();
    return CUDA_SUCCESS;
}

CUresult cuMemGetInfo_v2(size_t *free_bytes, size_t *total) {
    *total = total_bytes();
    *free_bytes = *total - used;
    return CUDA_SUCCESS;
}

static int retained;

CUresult cuDevicePrimaryCtxRetain(CUcontext *ctx, CUdevice d) {
    (void) d;
    retained++;
    *ctx = (CUcontext) 0x1000;
    return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRelease_v2(CUdevice d) {
    (void) d;
    if (retained <= 0) return CUDA_ERROR_INVALID_VALUE;
    retained--;
    return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(CUcontext ctx) { return ctx == (CUcontext) 0x1000 ? CUDA_SUCCESS : CUDA_ERROR_INVALID_VALUE; }

CUresult cuCtxSynchronize(void) { return CUDA_SUCCESS; }

/* Device memory: host blocks with their size in a 16-byte header. */
CUresult cuMemAlloc_v2(CUdeviceptr *p, size_t bytes) {
    if (bytes == 0) return CUDA_ERROR_INVALID_VALUE;
    if (used + bytes > total_bytes()) return CUDA_ERROR_OUT_OF_MEMORY;
    unsigned char *block = malloc(bytes + 16);
    if (!block) return CUDA_ERROR_OUT_OF_MEMORY;
    memcpy(block, &bytes, sizeof bytes);
    memset(block + 16, 0xAB, bytes);   /* not zero: the backend must clear what it allocates */
    used += bytes;
    *p = (CUdeviceptr) (block + 16);
    return CUDA_SUCCESS;
}

CUresult cuMemFree_v2(CUdeviceptr p) {
    if (p == 0) return CUDA_ERROR_INVALID_VALUE;
    unsigned char *block = (unsigned char *) p - 16;
    size_t bytes;
    memcpy(&bytes, block, sizeof bytes);
    used -= bytes;
    free(block);
    return CUDA_SUCCESS;
}

CUresult cuMemsetD32_v2(CUdeviceptr p, unsigned int v, size_t n) {
    unsigned int *q = (unsigned int *) p;
    for (size_t i = 0; i < n; i++) q[i] = v;
    return CUDA_SUCCESS;
}

CUresult cuMemsetD8_v2(CUdeviceptr p, unsigned char v, size_t n) {
    memset((void *) p, v, n);
    return CUDA_SUCCESS;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src, size_t n) {
    memcpy((void *) dst, src, n);
    return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoH_v2(void *dst, CUdeviceptr src, size_t n) {
    memcpy(dst, (const void *) src, n);
    return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t n) {
    memmove((void *) dst, (const void *) src, n);
    return CUDA_SUCCESS;
}

/* Modules: the PTX text, which must be NUL-terminated and look like nvcc's output. */
CUresult cuModuleLoadData(CUmodule *m, const void *image) {
    const char *text = image;
    size_t n = strlen(text);
    size_t end = n;
    while (end > 0 && text[end - 1] == '\n') end--;
    if (n < 100 || strncmp(text, "//", 2) != 0 || !strstr(text, "\n.version ") || !strstr(text, "\n.target ")
        || !strstr(text, ".entry ") || end == n || end == 0 || text[end - 1] != '}') {
        complain("cuModuleLoadData: not a NUL-terminated PTX text");
        return CUDA_ERROR_INVALID_IMAGE;
    }
    *m = strdup(text);
    return CUDA_SUCCESS;
}

CUresult cuModuleUnload(CUmodule m) {
    free(m);
    return CUDA_SUCCESS;
}

CUresult cuModuleGetFunction(CUfunction *f, CUmodule m, const char *name) {
    char needle[256];
    snprintf(needle, sizeof needle, ".entry %s(", name);
    if (!m || !strstr((const char *) m, needle)) {
        fprintf(stderr, "fake libcuda: cuModuleGetFunction: no kernel %s\n", name);
        return CUDA_ERROR_NOT_FOUND;
    }
    *f = strdup(name);
    return CUDA_SUCCESS;
}

/* The kernel emulator (cuda_emulator.cpp), when it is linked in: runs the kernel on the CPU. */
extern int emu_launch(const char *name, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                      void **params) __attribute__((weak));

CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, CUstream stream, void **params, void **extra) {
    (void) stream;
    (void) extra;
    if (!f) return CUDA_ERROR_INVALID_HANDLE;
    if (!params || gx == 0 || gy == 0 || gz == 0 || gy > 65535 || gz > 65535 || bx * by * bz == 0
        || bx * by * bz > 1024 || bz > 64 || shared > 48 * 1024) {
        fprintf(stderr, "fake libcuda: cuLaunchKernel(%s): bad launch %ux%ux%u / %ux%ux%u\n", (const char *) f, gx, gy,
                gz, bx, by, bz);
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (emu_launch) {
        return emu_launch((const char *) f, gx, gy, gz, bx, by, bz, params);
    }
    return CUDA_SUCCESS;
}
