package org.jdeep.probe;

import java.util.ServiceLoader;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.Probe;
import org.jdeep.spi.View;
import org.jdeep.types.DType;

/**
 * Run in a separate JVM by {@code LaunchModesTest}: finds the "opencl" provider through ServiceLoader the
 * way jdeep's API does, prints its probe, and when it is available opens it and adds two vectors.
 */
public final class ProbeMain {
    private ProbeMain() {
    }

    public static void main(String[] args) {
        BackendProvider found = null;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals("opencl")) {
                found = p;
            }
        }
        if (found == null) {
            System.out.println("provider=missing");
            return;
        }
        Probe probe = found.probe();
        System.out.println("available=" + probe.available());
        System.out.println("detail=" + probe.detail());
        try (Backend be = found.open()) {
            Buffer a = be.allocate(DType.FLOAT32, 3);
            be.upload(new float[] {1, 2, 3}, a);
            View v = new View(a, 0, new int[] {3}, new int[] {1});
            be.binary(BinaryOp.ADD, v, v, v);
            float[] r = new float[3];
            be.download(a, r);
            System.out.println("result=" + r[0] + "," + r[1] + "," + r[2]);
        } catch (RuntimeException e) {
            System.out.println("open=" + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
