package org.jdeep.backend.opencl;

import com.aparapi.device.OpenCLDevice;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.jdeep.backend.opencl.kernels.CountingKernel;

/**
 * Run in a fresh JVM by {@code GcMoveTest}, on the device as {@link OpenClDevices} configures it: launches a
 * kernel that writes a small array, collects garbage (which moves the array), reads the array back, and after
 * every round checks both the values read and arrays allocated since, which would show writes to the array's
 * old place in the heap. Prints {@code ok rounds=N}, or what went wrong and exits with status 1.
 */
public final class GcMoveMain {

    private static final int LENGTH = 4096;
    private static final int SENTINEL = 0x5A5A5A5A;

    private GcMoveMain() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        OpenClDevices.Scan scan = OpenClDevices.scan();
        if (scan.chosen() == null) {
            System.out.println("unavailable: " + scan.problem());
            System.exit(1);
        }
        OpenCLDevice device = scan.chosen().device();
        CountingKernel kernel = new CountingKernel(LENGTH);
        kernel.setExplicit(true);
        OpenClDevices.onlyOn(kernel, device);
        Deque<int[]> sentinels = new ArrayDeque<>();
        for (int round = 0; round < rounds; round++) {
            kernel.setBase(round * 10_000);
            OpenClBackend.execute(kernel, device, device.createRange(LENGTH, 64), "round " + round);
            System.gc();
            kernel.get(kernel.out());
            for (int i = 0; i < LENGTH; i++) {
                if (kernel.out()[i] != round * 10_000 + i) {
                    fail("round " + round + ": element " + i + " read back " + kernel.out()[i] + ", expected "
                            + (round * 10_000 + i));
                }
            }
            int[] sentinel = new int[LENGTH];
            Arrays.fill(sentinel, SENTINEL);
            sentinels.addLast(sentinel);
            if (sentinels.size() > 50) {
                sentinels.removeFirst();
            }
            for (int[] s : sentinels) {
                for (int v : s) {
                    if (v != SENTINEL) {
                        fail("round " + round + ": an array the kernel does not own was overwritten");
                    }
                }
            }
        }
        System.out.println("ok rounds=" + rounds);
    }

    private static void fail(String why) {
        System.out.println(why);
        System.exit(1);
    }
}
