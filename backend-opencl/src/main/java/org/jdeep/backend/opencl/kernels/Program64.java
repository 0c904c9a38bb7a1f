package org.jdeep.backend.opencl.kernels;

/** The program for devices with fp64: every family in FLOAT32, FLOAT64 and INT32. */
public final class Program64 extends DeviceProgram {

    @Override
    public boolean fp64() {
        return true;
    }

    @Override
    public void run() {
        int fam = meta[Meta.FAMILY];
        int i = getGlobalId(0);
        if (meta[Meta.USES64] == 0) {
            run32(fam, i);
        } else {
            run64(fam, i);
        }
    }

    private void run64(int fam, int i) {
        if (fam == Meta.F_STAGE_IN) {
            stageIn64(i);
        }
        if (fam == Meta.F_STAGE_OUT) {
            stageOut64(i);
        }
        if (fam == Meta.F_COPY) {
            copy64(i);
        }
        if (fam == Meta.F_FILL) {
            fill64(i);
        }
        if (fam == Meta.F_UNARY) {
            unary64(i);
        }
        if (fam == Meta.F_BINARY) {
            binary64(i);
        }
        if (fam == Meta.F_WHERE) {
            where64(i);
        }
        if (fam == Meta.F_REDUCE) {
            reduce64(i);
        }
        if (fam == Meta.F_REDUCE_WG) {
            reduceWg64();
        }
        if (fam == Meta.F_MATMUL) {
            matmul64();
        }
        if (fam == Meta.F_GATHER) {
            gather64(i);
        }
        if (fam == Meta.F_SCATTER_ADD) {
            scatterAdd64(i);
        }
        if (fam == Meta.F_IM2COL) {
            im2col64(i);
        }
        if (fam == Meta.F_COL2IM) {
            col2im64(i);
        }
    }
}
