package org.jdeep.backend.opencl.kernels;

/**
 * The kernel jdeep launches: {@link #run()} dispatches on {@code meta[FAMILY]} with an if chain (Aparapi
 * translates no switch), once per launch, so every work item of a launch takes the same branch and the
 * barriers of the tiled families are reached uniformly. The host side sets the arrays through these
 * accessors only; it never changes an arena except to grow it.
 */
public abstract class DeviceProgram extends IndexingFamily {

    /** Whether this program handles FLOAT64 (it then needs a device with cl_khr_fp64). */
    public abstract boolean fp64();

    public final int[] meta() {
        return meta;
    }

    public final int[] flags() {
        return flags;
    }

    public final float[] f32() {
        return f32;
    }

    public final int[] i32() {
        return i32;
    }

    public final double[] f64() {
        return f64;
    }

    public final void setArenas(float[] f, int[] i, double[] d) {
        f32 = f;
        i32 = i;
        f64 = d;
    }

    public final float[] stageF() {
        return stageF;
    }

    public final int[] stageI() {
        return stageI;
    }

    public final double[] stageD() {
        return stageD;
    }

    public final void setStages(float[] f, int[] i, double[] d) {
        stageF = f;
        stageI = i;
        stageD = d;
    }

    public final void setScalars(float f, double d, int i) {
        valF = f;
        valD = d;
        valI = i;
    }

    /** The FLOAT32 and INT32 families; the caller guarantees the launch touches no FLOAT64 data. */
    protected void run32(int fam, int i) {
        if (fam == Meta.F_STAGE_IN) {
            stageIn32(i);
        }
        if (fam == Meta.F_STAGE_OUT) {
            stageOut32(i);
        }
        if (fam == Meta.F_COPY) {
            copy32(i);
        }
        if (fam == Meta.F_FILL) {
            fill32(i);
        }
        if (fam == Meta.F_UNARY) {
            unary32(i);
        }
        if (fam == Meta.F_BINARY) {
            binary32(i);
        }
        if (fam == Meta.F_WHERE) {
            where32(i);
        }
        if (fam == Meta.F_REDUCE) {
            reduce32(i);
        }
        if (fam == Meta.F_REDUCE_WG) {
            reduceWg32();
        }
        if (fam == Meta.F_MATMUL) {
            matmul32();
        }
        if (fam == Meta.F_CHECK_INDEX) {
            checkIndex(i);
        }
        if (fam == Meta.F_GATHER) {
            gather32(i);
        }
        if (fam == Meta.F_SCATTER_ADD) {
            scatterAdd32(i);
        }
        if (fam == Meta.F_IM2COL) {
            im2col32(i);
        }
        if (fam == Meta.F_COL2IM) {
            col2im32(i);
        }
    }
}
