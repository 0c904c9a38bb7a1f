package org.jdeep.backend.opencl.kernels;

/** The program for devices without fp64: FLOAT32 and INT32 only; nothing reachable from run() touches a double. */
public final class Program32 extends DeviceProgram {

    @Override
    public boolean fp64() {
        return false;
    }

    @Override
    public void run() {
        run32(meta[Meta.FAMILY], getGlobalId(0));
    }
}
