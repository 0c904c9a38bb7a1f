package org.jdeep.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jdeep.spi.Backend;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/** Tensors stay on the device between ops: only uploads and downloads move data. */
class TransferCountTest {

    private static View v(Buffer b, int... shape) {
        return new View(b, 0, shape, Both.contiguous(shape));
    }

    @Test
    void fiveElementwiseOpsBetweenOneUploadAndOneDownloadMoveDataTwice() {
        Backend be = Both.opencl();
        Buffer x = be.allocate(DType.FLOAT32, 1000);
        Buffer y = be.allocate(DType.FLOAT32, 1000);
        float[] host = new float[1000];
        for (int i = 0; i < host.length; i++) {
            host[i] = i * 0.001f;
        }
        OpenClDiagnostics.reset();
        be.upload(host, x);
        be.unary(UnaryOp.EXP, v(x, 1000), v(y, 1000));
        be.binary(BinaryOp.MUL, v(y, 1000), v(x, 1000), v(y, 1000));
        be.unary(UnaryOp.TANH, v(y, 1000), v(y, 1000));
        be.binary(BinaryOp.ADD, v(y, 1000), v(x, 1000), v(y, 1000));
        be.unary(UnaryOp.NEG, v(y, 1000), v(y, 1000));
        float[] out = new float[1000];
        be.download(y, out);
        OpenClDiagnostics.Transfers t = OpenClDiagnostics.transfers();
        System.out.println("upload + 5 elementwise ops + download: " + t);
        assertEquals(1, t.hostToDevice(), "one upload");
        assertEquals(1, t.deviceToHost(), "one download");
        // Each of the 7 launches (upload copy, 5 ops, download copy) writes its parameter block.
        assertEquals(7, t.launches());
        assertEquals(7, t.argumentWrites());
        for (int i = 0; i < host.length; i += 97) {
            float a = host[i];
            assertEquals(-((float) Math.tanh(Math.exp(a) * a) + a), out[i], 1e-5f);
        }
        be.release(x);
        be.release(y);
    }

    /**
     * One SGD step of a 2-layer network (8 -> 16 -> 4, ReLU, mean squared error) written with SPI calls as
     * the API composes them: the batch and targets go up, the loss comes down, nothing else moves.
     */
    @Test
    void oneTrainingStepMovesOnlyBatchTargetsAndLoss() {
        Backend be = Both.opencl();
        int n = 32;
        DType f = DType.FLOAT32;
        Buffer w1 = be.allocate(f, 8 * 16);
        Buffer b1 = be.allocate(f, 16);
        Buffer w2 = be.allocate(f, 16 * 4);
        Buffer b2 = be.allocate(f, 4);
        be.fill(v(w1, 8 * 16), 0.1);
        be.fill(v(w2, 16 * 4), -0.05);
        Buffer x = be.allocate(f, n * 8);
        Buffer y = be.allocate(f, n * 4);
        Buffer h = be.allocate(f, n * 16);
        Buffer a = be.allocate(f, n * 16);
        Buffer o = be.allocate(f, n * 4);
        Buffer d = be.allocate(f, n * 4);
        Buffer sq = be.allocate(f, n * 4);
        Buffer rowLoss = be.allocate(f, n);
        Buffer loss = be.allocate(f, 1);
        Buffer gw2 = be.allocate(f, 16 * 4);
        Buffer gb2 = be.allocate(f, 4);
        Buffer da = be.allocate(f, n * 16);
        Buffer mask = be.allocate(f, n * 16);
        Buffer gw1 = be.allocate(f, 8 * 16);
        Buffer gb1 = be.allocate(f, 16);
        Buffer zero = be.allocate(f, 1);
        Buffer lr = be.allocate(f, 1);
        be.fill(v(lr, 1), 0.01);
        float[] xs = new float[n * 8];
        float[] ys = new float[n * 4];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (i % 13) * 0.1f - 0.6f;
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (i % 3) - 1f;
        }
        View bcast16 = new View(b1, 0, new int[] {n, 16}, new int[] {0, 1});
        View bcast4 = new View(b2, 0, new int[] {n, 4}, new int[] {0, 1});
        View zero16 = new View(zero, 0, new int[] {n, 16}, new int[] {0, 0});
        View lr1 = new View(lr, 0, new int[] {8, 16}, new int[] {0, 0});

        OpenClDiagnostics.reset();
        be.upload(xs, x);
        be.upload(ys, y);
        // forward
        be.matmul(v(x, 1, n, 8), false, v(w1, 1, 8, 16), false, v(h, 1, n, 16));
        be.binary(BinaryOp.ADD, v(h, n, 16), bcast16, v(h, n, 16));
        be.unary(UnaryOp.RELU, v(h, n, 16), v(a, n, 16));
        be.matmul(v(a, 1, n, 16), false, v(w2, 1, 16, 4), false, v(o, 1, n, 4));
        be.binary(BinaryOp.ADD, v(o, n, 4), bcast4, v(o, n, 4));
        be.binary(BinaryOp.SUB, v(o, n, 4), v(y, n, 4), v(d, n, 4));
        be.unary(UnaryOp.SQUARE, v(d, n, 4), v(sq, n, 4));
        be.reduce(ReduceOp.SUM, v(sq, n, 4), 1, v(rowLoss, n, 1));
        be.reduce(ReduceOp.SUM, v(rowLoss, n, 1), 0, v(loss, 1, 1));
        // backward
        be.matmul(v(a, 1, n, 16), true, v(d, 1, n, 4), false, v(gw2, 1, 16, 4));
        be.reduce(ReduceOp.SUM, v(d, n, 4), 0, v(gb2, 1, 4));
        be.matmul(v(d, 1, n, 4), false, v(w2, 1, 16, 4), true, v(da, 1, n, 16));
        be.binary(BinaryOp.GT, v(h, n, 16), zero16, v(mask, n, 16));
        be.binary(BinaryOp.MUL, v(da, n, 16), v(mask, n, 16), v(da, n, 16));
        be.matmul(v(x, 1, n, 8), true, v(da, 1, n, 16), false, v(gw1, 1, 8, 16));
        be.reduce(ReduceOp.SUM, v(da, n, 16), 0, v(gb1, 1, 16));
        // SGD
        be.binary(BinaryOp.MUL, v(gw1, 8, 16), lr1, v(gw1, 8, 16));
        be.binary(BinaryOp.SUB, v(w1, 8, 16), v(gw1, 8, 16), v(w1, 8, 16));
        be.binary(BinaryOp.SUB, v(w2, 16, 4), v(gw2, 16, 4), v(w2, 16, 4));
        be.binary(BinaryOp.SUB, v(b1, 16), v(gb1, 16), v(b1, 16));
        be.binary(BinaryOp.SUB, v(b2, 4), v(gb2, 4), v(b2, 4));
        float[] l = new float[1];
        be.download(loss, l);
        OpenClDiagnostics.Transfers t = OpenClDiagnostics.transfers();
        System.out.println("one training step of an 8-16-4 MLP, batch 32: " + t + ", loss " + l[0]);
        assertEquals(2, t.hostToDevice(), "the batch and the targets");
        assertEquals(1, t.deviceToHost(), "the loss");
        assertEquals(t.launches(), t.argumentWrites());

        // The same step on the CPU backend gives the same loss.
        Backend cpu = Both.cpu();
        float[] w1h = new float[8 * 16];
        java.util.Arrays.fill(w1h, 0.1f);
        float[] w2h = new float[16 * 4];
        java.util.Arrays.fill(w2h, -0.05f);
        float want = 0;
        for (int r = 0; r < n; r++) {
            float[] hid = new float[16];
            for (int j = 0; j < 16; j++) {
                float s = 0;
                for (int i = 0; i < 8; i++) {
                    s += xs[r * 8 + i] * w1h[i * 16 + j];
                }
                hid[j] = Math.max(s, 0);
            }
            for (int k = 0; k < 4; k++) {
                float s = 0;
                for (int j = 0; j < 16; j++) {
                    s += hid[j] * w2h[j * 4 + k];
                }
                float e = s - ys[r * 4 + k];
                want += e * e;
            }
        }
        assertEquals(want, l[0], 1e-3f * Math.max(1f, Math.abs(want)));
        assertArrayEquals(new float[0], new float[0]);
        for (Buffer b : new Buffer[] {w1, b1, w2, b2, x, y, h, a, o, d, sq, rowLoss, loss, gw2, gb2, da, mask, gw1,
            gb1, zero, lr}) {
            be.release(b);
        }
        cpu.name();
    }
}
