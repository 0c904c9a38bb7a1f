/*
 * Runs jdeep's kernels on the CPU for the fake driver (fake_libcuda.c): emu_launch executes a grid block by
 * block, each block's threads as fibers on the calling thread. A fiber runs until it reaches __syncthreads (all
 * threads of the block) or a warp shuffle (the 32 threads of its warp), then the next fiber runs; when every
 * member has arrived, they continue. A barrier that can never complete (threads that exited, or diverged) is
 * reported as a failed launch, which a real GPU would turn into a hang or undefined behaviour.
 * EMU_TRACE=1 in the environment prints each launch's kernel, grid, block and time on stderr.
 */
#include <chrono>
#include <map>
#include <stdio.h>
#include <stdlib.h>
#include <string>
#include <vector>

#include "cuda_host_shim.h"

dim3 threadIdx;
dim3 blockIdx;
dim3 blockDim;
dim3 gridDim;

static std::map<std::string, emu_invoker> &kernels() {
    static std::map<std::string, emu_invoker> k;
    return k;
}

void emu_register(const char *name, emu_invoker invoker) { kernels()[name] = invoker; }

// ----- fibers: a minimal x86-64 context switch (callee-saved registers and the stack pointer) -----

extern "C" void emu_switch(void **save_sp, void *load_sp);
asm(R"(
    .text
    .globl emu_switch
    .type emu_switch, @function
emu_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size emu_switch, .-emu_switch
)");

enum State { READY, WAIT_BLOCK, WAIT_WARP, DONE };

struct Fiber {
    void *sp;
    unsigned char *stack;
    dim3 tid;
    State state;
    unsigned waitGeneration;
};

static const size_t STACK = 256 * 1024;
static std::vector<Fiber> fibers;
static int current = -1;
static void *schedulerSp;
static emu_invoker runningKernel;
static void **runningParams;

// Barrier bookkeeping: arrivals at __syncthreads, and per warp at shuffles, with the values exchanged.
static int blockArrived;
static unsigned blockGeneration;
static std::vector<int> warpArrived;
static std::vector<unsigned> warpGeneration;
static std::vector<unsigned char> shuffleSlots;   // 32 lanes x 8 bytes per warp

static void fiberEntry() {
    runningKernel(runningParams);
    fibers[current].state = DONE;
    emu_switch(&fibers[current].sp, schedulerSp);
    abort();   // never resumed
}

static void yieldToScheduler() {
    emu_switch(&fibers[current].sp, schedulerSp);
    threadIdx = fibers[current].tid;
}

static int linearTid() {
    return (int) (threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z));
}

void emu_syncthreads() {
    Fiber &f = fibers[current];
    int threads = (int) fibers.size();
    if (++blockArrived == threads) {
        blockArrived = 0;
        blockGeneration++;
        for (Fiber &o : fibers) {
            if (o.state == WAIT_BLOCK) o.state = READY;
        }
        return;
    }
    f.state = WAIT_BLOCK;
    f.waitGeneration = blockGeneration;
    yieldToScheduler();
}

static void warpBarrier(int warp) {
    Fiber &f = fibers[current];
    int threads = (int) fibers.size();
    int members = std::min(32, threads - warp * 32);
    if (++warpArrived[warp] == members) {
        warpArrived[warp] = 0;
        warpGeneration[warp]++;
        for (int i = warp * 32; i < warp * 32 + members; i++) {
            if (fibers[i].state == WAIT_WARP) fibers[i].state = READY;
        }
        return;
    }
    f.state = WAIT_WARP;
    f.waitGeneration = warpGeneration[warp];
    yieldToScheduler();
}

void emu_shfl_exchange(const void *in, void *out, int size, int delta) {
    int t = linearTid();
    int warp = t / 32;
    int lane = t % 32;
    unsigned char *slots = &shuffleSlots[(size_t) warp * 32 * 8];
    memcpy(slots + lane * 8, in, (size_t) size);
    warpBarrier(warp);
    int src = lane + delta;
    int members = std::min(32, (int) fibers.size() - warp * 32);
    memcpy(out, src < members ? slots + src * 8 : slots + lane * 8, (size_t) size);
    warpBarrier(warp);
}

static bool runBlock(const char *name) {
    int threads = (int) fibers.size();
    blockArrived = 0;
    for (int i = 0; i < threads; i++) {
        Fiber &f = fibers[i];
        f.tid.x = (unsigned) i % blockDim.x;
        f.tid.y = ((unsigned) i / blockDim.x) % blockDim.y;
        f.tid.z = (unsigned) i / (blockDim.x * blockDim.y);
        f.state = READY;
        // Initial frame: six callee-saved registers, then fiberEntry as the return address.
        uintptr_t top = ((uintptr_t) (f.stack + STACK)) & ~(uintptr_t) 15;
        void **sp = (void **) top;
        *--sp = nullptr;                      // fake return address of fiberEntry (never used)
        *--sp = (void *) &fiberEntry;
        for (int r = 0; r < 6; r++) *--sp = nullptr;
        f.sp = sp;
    }
    for (;;) {
        bool progressed = false;
        bool allDone = true;
        for (int i = 0; i < threads; i++) {
            if (fibers[i].state == DONE) continue;
            allDone = false;
            if (fibers[i].state != READY) continue;
            current = i;
            threadIdx = fibers[i].tid;
            emu_switch(&schedulerSp, fibers[i].sp);
            progressed = true;
        }
        if (allDone) return true;
        if (!progressed) {
            int waitingBlock = 0, waitingWarp = 0, done = 0;
            for (Fiber &f : fibers) {
                waitingBlock += f.state == WAIT_BLOCK;
                waitingWarp += f.state == WAIT_WARP;
                done += f.state == DONE;
            }
            fprintf(stderr, "fake libcuda: kernel %s block (%u,%u,%u) deadlocked: %d threads at __syncthreads, %d at a "
                    "warp shuffle, %d exited\n", name, blockIdx.x, blockIdx.y, blockIdx.z, waitingBlock, waitingWarp, done);
            return false;
        }
    }
}

extern "C" int emu_launch(const char *name, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
                          unsigned bz, void **params) {
    auto it = kernels().find(name);
    if (it == kernels().end()) {
        fprintf(stderr, "fake libcuda: the emulator has no kernel %s\n", name);
        return 500;
    }
    int threads = (int) (bx * by * bz);
    size_t old = fibers.size();
    if ((size_t) threads > old) {
        fibers.resize((size_t) threads);
        for (size_t i = old; i < fibers.size(); i++) fibers[i].stack = (unsigned char *) malloc(STACK);
    }
    // Keep the stacks of larger blocks, but schedule exactly this block's threads.
    std::vector<Fiber> spare(fibers.begin() + threads, fibers.end());
    fibers.resize((size_t) threads);
    int warps = (threads + 31) / 32;
    warpArrived.assign((size_t) warps, 0);
    warpGeneration.assign((size_t) warps, 0);
    shuffleSlots.assign((size_t) warps * 32 * 8, 0);
    blockDim = {bx, by, bz};
    gridDim = {gx, gy, gz};
    runningKernel = it->second;
    runningParams = params;
    bool ok = true;
    auto t0 = std::chrono::steady_clock::now();
    for (unsigned z = 0; z < gz && ok; z++) {
        for (unsigned y = 0; y < gy && ok; y++) {
            for (unsigned x = 0; x < gx && ok; x++) {
                blockIdx = {x, y, z};
                ok = runBlock(name);
            }
        }
    }
    fibers.insert(fibers.end(), spare.begin(), spare.end());
    if (getenv("EMU_TRACE")) {
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        fprintf(stderr, "emu: %s grid %ux%ux%u block %ux%ux%u: %.1f ms\n", name, gx, gy, gz, bx, by, bz, ms);
    }
    return ok ? 0 : 719;   // CUDA_ERROR_LAUNCH_FAILED
}
