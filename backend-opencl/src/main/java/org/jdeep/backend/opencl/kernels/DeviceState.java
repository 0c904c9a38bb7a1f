package org.jdeep.backend.opencl.kernels;

import com.aparapi.Kernel;

/**
 * The arguments every jdeep kernel shares: one arena per dtype holding every buffer of that dtype, host
 * staging arrays for uploads and downloads, the per-launch parameter block {@link Meta}, a flag word and
 * the local-memory scratch of the tiled kernels.
 *
 * <p>Why one program: Aparapi gives each kernel <em>instance</em> its own OpenCL context and binds a
 * device buffer to each (instance, array field) pair; a buffer written by one kernel class is invisible to
 * another except through the host. So every op family lives in this class hierarchy (one class per
 * family, {@link ElementwiseFamily} to {@link IndexingFamily}) and runs through a single instance of a
 * {@link DeviceProgram}, whose arena fields never change between launches: the arenas stay on the device.
 *
 * <p>Kernel code rules (Aparapi): primitive arrays and scalars only, no objects, no switch, no exceptions;
 * float literals carry {@code f}. Methods touching FLOAT64 data end in {@code 64} and are reachable only
 * from {@link Program64}, so {@link Program32} compiles on devices without fp64.
 */
public abstract class DeviceState extends Kernel {

    // Arenas: the device memory of every buffer, per dtype. Rebound only when an arena grows.
    protected float[] f32 = new float[1];
    protected int[] i32 = new int[1];
    protected double[] f64 = new double[1];

    // Host staging of upload (host to device) and download (device to host).
    protected float[] stageF = new float[1];
    protected int[] stageI = new int[1];
    protected double[] stageD = new double[1];

    /** The launch's parameters, written to the device before each launch. */
    protected int[] meta = new int[Meta.LENGTH];
    /** Flag words the host reads back: [0] is set when an index is out of range. */
    protected int[] flags = new int[4];

    /** Scalar arguments (passed by value, no buffer transfer). */
    protected float valF;
    protected double valD;
    protected int valI;

    @Local protected float[] tileAF = new float[Meta.TS * Meta.KT];
    @Local protected float[] tileBF = new float[Meta.KT * Meta.TS];
    @Local protected double[] tileAD = new double[Meta.TS * Meta.KT];
    @Local protected double[] tileBD = new double[Meta.KT * Meta.TS];
    @Local protected float[] redF = new float[Meta.WG];
    @Local protected double[] redD = new double[Meta.WG];
    @Local protected int[] redI = new int[Meta.WG];
    @Local protected int[] redJ = new int[Meta.WG];

    /**
     * The element offset of operand {@code k} for the row-major linear index {@code i} over
     * {@code meta[SHAPE .. SHAPE + rank)}.
     */
    protected int offset(int i, int k) {
        int rank = meta[Meta.RANK];
        int p = meta[Meta.OFF + k];
        int rem = i;
        int sb = Meta.STR + 8 * k;
        for (int d = rank - 1; d >= 0; d--) {
            int len = meta[Meta.SHAPE + d];
            int q = rem % len;
            rem = rem / len;
            p = p + q * meta[sb + d];
        }
        return p;
    }

    protected float nanF() {
        return 0.0f / 0.0f;
    }

    protected double nanD() {
        return 0.0 / 0.0;
    }
}
