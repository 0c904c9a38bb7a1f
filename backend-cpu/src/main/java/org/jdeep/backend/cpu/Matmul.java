package org.jdeep.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.jdeep.spi.View;
import org.jdeep.types.DType;

/**
 * The CPU backend's batched matrix product ({@link org.jdeep.spi.Backend#matmul}): a GotoBLAS/BLIS-style
 * packed, cache-blocked GEMM around a Vector API register-tile micro-kernel, for FLOAT32 and FLOAT64.
 * Operands may have any strides; the packing step absorbs transposes and broadcast batches.
 */
final class Matmul {

    private Matmul() {
    }

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int FL = FS.length();
    private static final int DL = DS.length();
    private static final FloatVector ZERO_F = FloatVector.zero(FS);
    private static final DoubleVector ZERO_D = DoubleVector.zero(DS);

    /** Micro-tile rows (both dtypes). */
    static final int MR = 6;
    /** Micro-tile columns: two vectors. */
    static final int NRF = 2 * FL;
    static final int NRD = 2 * DL;

    // Cache blocking (GotoBLAS/BLIS loop order jc / pc / ic / jr / ir), chosen by measurement on a Zen 4 core
    // (32 KiB L1d, 1 MiB L2, 16-float vectors): for each NR-wide sliver of the packed B panel (KC x NR, 32 KiB
    // of floats) the micro-kernel sweeps every row panel of the packed A block (MC x KC, 96 KiB, L2-resident);
    // the B panel (KC x NC, 512 KiB) stays in L2/L3 while all row blocks use it. KC = 128 or 384 and other
    // MC/NC measured within noise or slower. FLOAT64 halves NC to keep the B panel's bytes.
    static final int KCF = 256;
    static final int MCF = 96;
    static final int NCF = 512;
    static final int KCD = 256;
    static final int MCD = 96;
    static final int NCD = 256;

    /** Row blocks up to this tall read a row-major B in place instead of packing it (see gemm). */
    static final int DIRECT_B_ROWS = 64;
    /** Row strides (in bytes) that are multiples of this map a column of B to few cache sets. */
    static final long ALIASING_STRIDE = 4096;
    /**
     * A row-major B read in place is swept once per block first (touch) when the part of B a call reads is at
     * least this big: roughly where it stops surviving in this machine's caches (1 MiB L2, 32 MiB shared L3).
     */
    static final long TOUCH_BYTES = 8L << 20;
    /** Elements per 64-byte cache line. */
    private static final int LINE_F = 64 / Float.BYTES;
    private static final int LINE_D = 64 / Double.BYTES;
    /** Where touch sums go, so the loads that produce them are not dead code. */
    @SuppressWarnings("unused")
    private static double touchSink;

    /**
     * Below this many multiply-adds (m*n*k per batch item) the unpacked loop is faster than packing (measured:
     * even 8x8x8 is faster packed); a single output column (matrix-vector) also stays unpacked, since packing
     * would pad it to NR columns.
     */
    static final long SMALL_MACS = 512;
    /**
     * Below this many multiply-adds in total the product stays on the calling thread: handing work to the
     * worker threads costs 50-90 us on the 2-core VM this was tuned on (worker wake-ups), so only products of
     * more than ~150 us (about 200^3) gain from a second thread.
     */
    static final long PARALLEL_MACS = 1L << 23;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * {@code out[b] = op(a[b]) . op(b[b])} per {@link org.jdeep.spi.Backend#matmul}: rank-3 views, any strides,
     * stride-0 batch broadcast, {@code k = 0} gives zeros.
     *
     * @throws IllegalArgumentException for a non-floating dtype, mixed dtypes, or inconsistent shapes
     */
    static void matmul(View a, boolean transposeA, View b, boolean transposeB, View out, CpuThreads threads) {
        DType dt = out.dtype();
        if (!dt.isFloating()) {
            throw new IllegalArgumentException("matmul: floating types only, got " + dt);
        }
        if (a.dtype() != dt || b.dtype() != dt) {
            throw new IllegalArgumentException("matmul: dtypes " + a.dtype() + ", " + b.dtype() + " -> " + dt
                    + " differ");
        }
        if (a.rank() != 3 || b.rank() != 3 || out.rank() != 3) {
            throw new IllegalArgumentException("matmul: rank-3 views expected, got " + a + ", " + b + ", " + out);
        }
        Problem p = new Problem(a, transposeA, b, transposeB, out);
        if (p.batch == 0 || p.m == 0 || p.n == 0) {
            return;
        }
        if (p.k == 0) {
            zero(p, dt);
            return;
        }
        boolean f = dt == DType.FLOAT32;
        if (f) {
            p.af = CpuBuffer.of(a.buffer()).floats();
            p.bf = CpuBuffer.of(b.buffer()).floats();
            p.cf = CpuBuffer.of(out.buffer()).floats();
        } else {
            p.ad = CpuBuffer.of(a.buffer()).doubles();
            p.bd = CpuBuffer.of(b.buffer()).doubles();
            p.cd = CpuBuffer.of(out.buffer()).doubles();
        }
        long macs = (long) p.m * p.n * p.k;
        if (macs < SMALL_MACS || p.n == 1) {
            for (int bi = 0; bi < p.batch; bi++) {
                if (f) {
                    smallF(p, bi);
                } else {
                    smallD(p, bi);
                }
            }
            return;
        }
        int t = threads.threads();
        if (t > 1 && macs * p.batch >= PARALLEL_MACS) {
            p.plan(t, f ? NRF : NRD);
        } else {
            p.parts = 1;
            p.splitN = true;
            t = 1;
        }
        int units = p.batch * p.parts;
        if (t == 1) {
            if (f) {
                runUnitsF(p, 0, units);
            } else {
                runUnitsD(p, 0, units);
            }
        } else if (f) {
            threads.parallelFor(units, 1, (from, to) -> runUnitsF(p, from, to));
        } else {
            threads.parallelFor(units, 1, (from, to) -> runUnitsD(p, from, to));
        }
    }

    /** {@code k = 0}: the product of empty sums is zero everywhere. */
    private static void zero(Problem p, DType dt) {
        CpuBuffer c = CpuBuffer.of(p.out.buffer());
        float[] cf = dt == DType.FLOAT32 ? c.floats() : null;
        double[] cd = dt == DType.FLOAT64 ? c.doubles() : null;
        for (int bi = 0; bi < p.batch; bi++) {
            for (int i = 0; i < p.m; i++) {
                int o = p.cOff + bi * p.cBs + i * p.cRs;
                for (int j = 0; j < p.n; j++) {
                    if (cf != null) {
                        cf[o + j * p.cCs] = 0f;
                    } else {
                        cd[o + j * p.cCs] = 0d;
                    }
                }
            }
        }
    }

    /**
     * Height of row panel {@code g} when a block of {@code mc} rows is cut into {@code panels = ceil(mc / MR)}
     * panels of near-equal height: full blocks give MR-row panels, a ragged block such as 20 rows gives 5+5+5+5
     * rather than 6+6+6+2, because a 1- or 2-row kernel does too little arithmetic per B load and runs at a
     * fraction of the 6-row kernel's speed.
     */
    static int panelRows(int mc, int panels, int g) {
        return mc / panels + (g < mc % panels ? 1 : 0);
    }

    private static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }

    /**
     * One call's geometry, normalised so that A is read as {@code A(i, q) = a[aOff + i*aRs + q*aCs]} and B as
     * {@code B(q, j) = b[bOff + q*bRs + j*bCs]} whatever the transpose flags, plus the work split.
     */
    private static final class Problem {
        final View out;
        final int batch;
        final int m;
        final int n;
        final int k;
        final int aOff;
        final int aBs;
        final int aRs;
        final int aCs;
        final int bOff;
        final int bBs;
        final int bRs;
        final int bCs;
        final int cOff;
        final int cBs;
        final int cRs;
        final int cCs;
        float[] af;
        float[] bf;
        float[] cf;
        double[] ad;
        double[] bd;
        double[] cd;
        /** Each batch item is split into this many parts, along N when {@code splitN} else along M. */
        int parts;
        boolean splitN;

        Problem(View a, boolean ta, View b, boolean tb, View out) {
            this.out = out;
            int[] as = a.shape();
            int[] bs = b.shape();
            int[] cs = out.shape();
            batch = cs[0];
            m = cs[1];
            n = cs[2];
            k = ta ? as[1] : as[2];
            int am = ta ? as[2] : as[1];
            int bk = tb ? bs[2] : bs[1];
            int bn = tb ? bs[1] : bs[2];
            if (am != m || bn != n || bk != k || !batchFits(as[0], batch) || !batchFits(bs[0], batch)) {
                throw new IllegalArgumentException("matmul: shapes do not agree: a " + a + (ta ? " (T)" : "")
                        + ", b " + b + (tb ? " (T)" : "") + ", out " + out);
            }
            int[] st = a.strides();
            aOff = a.offset();
            aBs = as[0] == 1 ? 0 : st[0];
            aRs = ta ? st[2] : st[1];
            aCs = ta ? st[1] : st[2];
            st = b.strides();
            bOff = b.offset();
            bBs = bs[0] == 1 ? 0 : st[0];
            bRs = tb ? st[2] : st[1];
            bCs = tb ? st[1] : st[2];
            st = out.strides();
            cOff = out.offset();
            cBs = st[0];
            cRs = st[1];
            cCs = st[2];
        }

        /**
         * Whether a block of {@code rows} rows takes the dot-product order ({@link MatmulDot}): few rows, a deep
         * product, A's rows and B's columns both contiguous along the depth.
         */
        boolean dot(int rows) {
            return aCs == 1 && bRs == 1 && rows <= MatmulDot.MAX_ROWS && k >= MatmulDot.MIN_DEPTH;
        }

        /**
         * Whether a block of {@code rows} rows reads a row-major B in place (see gemm). Not when B's row stride is
         * a multiple of 4 KiB: the slivers' rows then fall into a handful of cache sets and evict each other
         * (the course input, 12288 doubles a row, ran 20% slower in place than packed).
         */
        boolean direct(int rows, int elementBytes) {
            return bCs == 1 && rows <= DIRECT_B_ROWS && (long) bRs * elementBytes % ALIASING_STRIDE != 0;
        }

        private static boolean batchFits(int operandBatch, int batch) {
            return operandBatch == batch || operandBatch == 1;
        }

        /**
         * Chooses how to split the work over {@code threads}: whole batch items when they divide evenly (or
         * there are many), otherwise each item is cut into {@code threads} parts along M (any row boundary:
         * row panels adapt their height) or along N (whole NR slivers), whichever leaves the busiest thread
         * the least padded work.
         */
        void plan(int threads, int nr) {
            if (batch % threads == 0 || batch >= 4 * threads) {
                parts = 1;
                splitN = true;
                return;
            }
            if (dot(m)) {
                // The dot-product order streams B once per part: split along M, each thread would stream all of it.
                splitN = true;
                parts = Math.max(1, Math.min(threads, n));
                return;
            }
            int colTiles = (n + nr - 1) / nr;
            long byM = rowCost((m + threads - 1) / threads) * ((long) colTiles * nr);
            long byN = rowCost(m) * ((long) ((colTiles + threads - 1) / threads) * nr);
            splitN = byN <= byM;
            parts = Math.max(1, Math.min(threads, splitN ? colTiles : m));
        }

        /**
         * Relative time for a block of {@code rows} rows: the arithmetic, but at least that of 3 rows per
         * panel, since thinner panels are bound by loading B rather than by FMA throughput.
         */
        private static long rowCost(int rows) {
            return Math.max(rows, 3L * ((rows + MR - 1) / MR));
        }

        /** Start of part {@code part} of {@code total} items split into {@code parts} runs of whole tiles. */
        int start(int part, int total, int tile) {
            int tiles = (total + tile - 1) / tile;
            return Math.min(total, (int) ((long) tiles * part / parts) * tile);
        }
    }

    /** Per-thread packing buffers, grown on demand and reused so the hot loops allocate nothing. */
    private static final class Scratch {
        private float[] aF = new float[0];
        private float[] bF = new float[0];
        private final float[] tileF = new float[MR * NRF];
        private double[] aD = new double[0];
        private double[] bD = new double[0];
        private final double[] tileD = new double[MR * NRD];

        float[] aPackF(int size) {
            if (aF.length < size) {
                aF = new float[size];
            }
            return aF;
        }

        float[] bPackF(int size) {
            if (bF.length < size) {
                bF = new float[size];
            }
            return bF;
        }

        float[] tileF() {
            return tileF;
        }

        double[] aPackD(int size) {
            if (aD.length < size) {
                aD = new double[size];
            }
            return aD;
        }

        double[] bPackD(int size) {
            if (bD.length < size) {
                bD = new double[size];
            }
            return bD;
        }

        double[] tileD() {
            return tileD;
        }
    }

    // ===================================================================================== FLOAT32
    // (The FLOAT64 section below is the same code with float replaced by double; keep them in step.)

    /** One worker's share: products {@code [from, to)} of the (batch x part) unit grid. */
    private static void runUnitsF(Problem p, int from, int to) {
        Scratch s = SCRATCH.get();
        for (int u = from; u < to; u++) {
            int bi = u / p.parts;
            int part = u % p.parts;
            if (p.splitN) {
                int tile = p.dot(p.m) ? 1 : NRF; // the dot-product order has no column slivers to keep whole
                gemmF(p, bi, 0, p.m, p.start(part, p.n, tile), p.start(part + 1, p.n, tile), s);
            } else {
                gemmF(p, bi, p.start(part, p.m, 1), p.start(part + 1, p.m, 1), 0, p.n, s);
            }
        }
    }

    /**
     * The blocked product for rows {@code [m0, m1)} and columns {@code [n0, n1)} of batch item {@code bi},
     * on the calling thread: GotoBLAS loop order jc (NC columns) / pc (KC depth) / ic (MC rows), with a packed
     * B panel shared by all row blocks and a packed A block reused across all column slivers.
     */
    private static void gemmF(Problem p, int bi, int m0, int m1, int n0, int n1, Scratch s) {
        if (m0 >= m1 || n0 >= n1) {
            return;
        }
        float[] a = p.af;
        float[] b = p.bf;
        float[] c = p.cf;
        int aBase = p.aOff + bi * p.aBs;
        int bBase = p.bOff + bi * p.bBs;
        int cBase = p.cOff + bi * p.cBs;
        int k = p.k;
        if (p.dot(m1 - m0)) {
            MatmulDot.productF(a, aBase, p.aRs, b, bBase, p.bCs, c, cBase, p.cRs, p.cCs, m0, m1, n0, n1, k,
                    s.aPackF((m1 - m0) * Math.min(MatmulDot.KC, k)));
            return;
        }
        // With few rows each B element is used by few micro-tiles, so a separate packing pass over B (which
        // streams it from L3 or memory without overlapping any arithmetic) costs more than it saves: read
        // full-width slivers of a row-major B in place and pack only the ragged last sliver.
        boolean direct = p.direct(m1 - m0, Float.BYTES);
        // Read in place, B's rows are strided for the hardware prefetchers; when B is too big to stay in cache
        // between calls, each block is first swept once in address order (see touchF).
        boolean touch = direct && (long) k * (n1 - n0) * Float.BYTES >= TOUCH_BYTES;
        float sink = 0f;
        float[] ap = s.aPackF(Math.min(MCF, m1 - m0) * Math.min(KCF, k));
        // A single block of A (a short, shallow A such as a layer's dZ) is packed once for every column panel.
        boolean oneABlock = m1 - m0 <= MCF && k <= KCF;
        float[] bp = s.bPackF(Math.min(KCF, k) * (direct ? NRF : roundUp(Math.min(NCF, n1 - n0), NRF)));
        float[] tile = s.tileF();
        for (int jc = n0; jc < n1; jc += NCF) {
            int nc = Math.min(NCF, n1 - jc);
            for (int pc = 0; pc < k; pc += KCF) {
                int kc = Math.min(KCF, k - pc);
                int bSrc = bBase + pc * p.bRs + jc * p.bCs;
                if (!direct) {
                    packBF(b, bSrc, p.bRs, p.bCs, kc, nc, bp);
                } else {
                    if (touch) {
                        sink += touchF(b, bSrc, p.bRs, kc, nc);
                    }
                    if (nc % NRF != 0) {
                        int full = nc - nc % NRF;
                        packBF(b, bSrc + full, p.bRs, 1, kc, nc - full, bp);
                    }
                }
                for (int ic = m0; ic < m1; ic += MCF) {
                    int mc = Math.min(MCF, m1 - ic);
                    if (!oneABlock || jc == n0) {
                        packAF(a, aBase + ic * p.aRs + pc * p.aCs, p.aRs, p.aCs, mc, kc, ap);
                    }
                    macroF(kc, mc, nc, ap, direct ? b : null, bSrc, p.bRs, bp, c, cBase + ic * p.cRs + jc * p.cCs,
                            p.cRs, p.cCs, pc > 0, tile);
                }
            }
        }
        if (touch) {
            touchSink = sink;
        }
    }

    /**
     * Loads one element of every cache line of the {@code kc x nc} block of a row-major B, row after row, and
     * returns their sum so the JIT cannot drop the loads. Java has no prefetch instruction; this sequential
     * sweep has many independent misses in flight and pulls a block that was in memory into L2 at close to
     * full bandwidth, where the micro-kernel's strided reads would otherwise stall on one miss after another.
     * Measured: +10-50% for B beyond ~10 MB, -5% when B is cache-resident (hence {@link #TOUCH_BYTES}).
     */
    private static float touchF(float[] b, int off, int rs, int kc, int nc) {
        float sum = 0f;
        for (int q = 0; q < kc; q++) {
            int row = off + q * rs;
            for (int j = 0; j < nc; j += LINE_F) {
                sum += b[row + j];
            }
            sum += b[row + nc - 1];
        }
        return sum;
    }

    /**
     * Packs the {@code kc x nc} block of B at {@code off} into slivers of NR columns, each stored depth-major
     * ({@code NR} consecutive values per depth step) and zero-padded to NR, so the micro-kernel reads B with
     * unit stride whatever B's layout was. Sliver {@code s} starts at {@code s * kc * NR}.
     */
    private static void packBF(float[] b, int off, int rs, int cs, int kc, int nc, float[] bp) {
        int full = nc / NRF;
        int rem = nc - full * NRF;
        int sliver = kc * NRF;
        if (cs == 1) {
            // Row-major B: read each row of the block front to back (one sequential stream, which the hardware
            // prefetchers follow best) and deal it out to the slivers.
            int whole = rem - rem % FL;
            for (int q = 0; q < kc; q++) {
                int src = off + q * rs;
                int dst = q * NRF;
                for (int s = 0; s < full; s++) {
                    FloatVector.fromArray(FS, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(FS, b, src + FL).intoArray(bp, dst + FL);
                    src += NRF;
                    dst += sliver;
                }
                if (rem > 0) {
                    for (int v = 0; v < NRF; v += FL) {
                        ZERO_F.intoArray(bp, dst + v);
                    }
                    for (int v = 0; v < whole; v += FL) {
                        FloatVector.fromArray(FS, b, src + v).intoArray(bp, dst + v);
                    }
                    for (int jj = whole; jj < rem; jj++) {
                        bp[dst + jj] = b[src + jj];
                    }
                }
            }
            return;
        }
        for (int j = 0, idx = 0; j < nc; j += NRF, idx += sliver) {
            int nr = Math.min(NRF, nc - j);
            int col = off + j * cs;
            if (rs == 1) {
                // B stored transposed (depth contiguous): read each column along k, write strided into the sliver.
                for (int jj = 0; jj < nr; jj++) {
                    int src = col + jj * cs;
                    for (int q = 0; q < kc; q++) {
                        bp[idx + q * NRF + jj] = b[src + q];
                    }
                }
            } else {
                for (int q = 0; q < kc; q++) {
                    int src = col + q * rs;
                    for (int jj = 0; jj < nr; jj++) {
                        bp[idx + q * NRF + jj] = b[src + jj * cs];
                    }
                }
            }
            if (nr < NRF) {
                for (int q = 0; q < kc; q++) {
                    for (int jj = nr; jj < NRF; jj++) {
                        bp[idx + q * NRF + jj] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs the {@code mc x kc} block of A into row panels (see {@link #panelRows}), each stored depth-major:
     * the panel's {@code h} values for depth 0, then for depth 1, and so on, so the micro-kernel reads A
     * sequentially whatever A's strides were; the panel that starts at block row {@code r} starts at {@code r * kc}.
     */
    private static void packAF(float[] a, int off, int rs, int cs, int mc, int kc, float[] ap) {
        int panels = (mc + MR - 1) / MR;
        int idx = 0;
        int row = 0;
        for (int g = 0; g < panels; g++) {
            int h = panelRows(mc, panels, g);
            int src = off + row * rs;
            if (h == MR) {
                int r1 = src + rs;
                int r2 = r1 + rs;
                int r3 = r2 + rs;
                int r4 = r3 + rs;
                int r5 = r4 + rs;
                for (int q = 0; q < kc; q++) {
                    int d = q * cs;
                    ap[idx] = a[src + d];
                    ap[idx + 1] = a[r1 + d];
                    ap[idx + 2] = a[r2 + d];
                    ap[idx + 3] = a[r3 + d];
                    ap[idx + 4] = a[r4 + d];
                    ap[idx + 5] = a[r5 + d];
                    idx += MR;
                }
            } else {
                for (int q = 0; q < kc; q++) {
                    int d = src + q * cs;
                    for (int ii = 0; ii < h; ii++) {
                        ap[idx++] = a[d + ii * rs];
                    }
                }
            }
            row += h;
        }
    }

    /**
     * Runs the micro-kernels over every row panel x NR tile of an {@code mc x nc} block of C. B comes from the
     * packed panel {@code bp}, or, when {@code b} is not null, full-width slivers straight from B at {@code bSrc}
     * with row stride {@code bRs} (the ragged last sliver is then packed at the start of {@code bp}). Full-width
     * tiles of a C with unit column stride are updated in place; others go through the small scratch
     * {@code tile}.
     */
    private static void macroF(int kc, int mc, int nc, float[] ap, float[] b, int bSrc, int bRs, float[] bp,
            float[] c, int cOff, int cRs, int cCs, boolean accumulate, float[] tile) {
        int panels = (mc + MR - 1) / MR;
        for (int jr = 0; jr < nc; jr += NRF) {
            int nr = Math.min(NRF, nc - jr);
            float[] bArr = bp;
            int bIdx = (jr / NRF) * kc * NRF;
            int ldb = NRF;
            if (b != null) {
                if (nr == NRF) {
                    bArr = b;
                    bIdx = bSrc + jr;
                    ldb = bRs;
                } else {
                    bIdx = 0;
                }
            }
            boolean inPlace = nr == NRF && cCs == 1;
            float[] dst = inPlace ? c : tile;
            int ldd = inPlace ? cRs : NRF;
            boolean acc = inPlace && accumulate;
            int row = 0;
            for (int g = 0; g < panels; g++) {
                int h = panelRows(mc, panels, g);
                int aIdx = row * kc;
                int cIdx = cOff + row * cRs + jr * cCs;
                int dOff = inPlace ? cIdx : 0;
                switch (h) {
                    case 6 -> kernel6F(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                    case 5 -> kernel5F(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                    case 4 -> kernel4F(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                    case 3 -> kernel3F(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                    case 2 -> kernel2F(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                    default -> kernel1F(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                }
                if (!inPlace) {
                    scatterF(tile, h, nr, c, cIdx, cRs, cCs, accumulate);
                }
                row += h;
            }
        }
    }

    /** Writes (or adds) the leading {@code rows x cols} of a scratch tile into C. */
    private static void scatterF(float[] tile, int rows, int cols, float[] c, int cIdx, int cRs, int cCs,
            boolean accumulate) {
        for (int i = 0; i < rows; i++) {
            int t = i * NRF;
            int o = cIdx + i * cRs;
            if (accumulate) {
                for (int j = 0; j < cols; j++) {
                    c[o + j * cCs] += tile[t + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    c[o + j * cCs] = tile[t + j];
                }
            }
        }
    }

    /**
     * The 6 x (2 vectors) register tile: 12 accumulators, 2 B vectors and one broadcast A value live, 15 of the
     * 32 AVX-512 registers. Larger tiles (8x3, 4x4) measured slower; more live vectors than registers makes C2
     * spill or box them, which costs 5-8x. Reads a packed A panel of 6 rows from {@code aOff}, B from
     * {@code bp} at {@code bOff} with row stride {@code ldb}, and writes (or adds, when {@code accumulate}) the
     * tile to {@code c} at {@code cOff} with row stride {@code ldc}.
     */
    private static void kernel6F(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(FS);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q * 6;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            FloatVector x = FloatVector.broadcast(FS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(FS, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(FS, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(FS, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(FS, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(FS, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        // The stores are spelled out rather than delegated to a helper: a vector passed to a method C2 does
        // not inline is boxed, and a helper called from this big method may well be left out of line.
        int o1 = cOff + ldc;
        int o2 = o1 + ldc;
        int o3 = o2 + ldc;
        int o4 = o3 + ldc;
        int o5 = o4 + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(FS, c, cOff));
            c01 = c01.add(FloatVector.fromArray(FS, c, cOff + FL));
            c10 = c10.add(FloatVector.fromArray(FS, c, o1));
            c11 = c11.add(FloatVector.fromArray(FS, c, o1 + FL));
            c20 = c20.add(FloatVector.fromArray(FS, c, o2));
            c21 = c21.add(FloatVector.fromArray(FS, c, o2 + FL));
            c30 = c30.add(FloatVector.fromArray(FS, c, o3));
            c31 = c31.add(FloatVector.fromArray(FS, c, o3 + FL));
            c40 = c40.add(FloatVector.fromArray(FS, c, o4));
            c41 = c41.add(FloatVector.fromArray(FS, c, o4 + FL));
            c50 = c50.add(FloatVector.fromArray(FS, c, o5));
            c51 = c51.add(FloatVector.fromArray(FS, c, o5 + FL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + FL);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + FL);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + FL);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + FL);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + FL);
        c50.intoArray(c, o5);
        c51.intoArray(c, o5 + FL);
    }

    /** {@link #kernel6F} for a panel of 5 rows. */
    private static void kernel5F(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(FS);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q * 5;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            FloatVector x = FloatVector.broadcast(FS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(FS, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(FS, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(FS, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(FS, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
        }
        int o1 = cOff + ldc;
        int o2 = o1 + ldc;
        int o3 = o2 + ldc;
        int o4 = o3 + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(FS, c, cOff));
            c01 = c01.add(FloatVector.fromArray(FS, c, cOff + FL));
            c10 = c10.add(FloatVector.fromArray(FS, c, o1));
            c11 = c11.add(FloatVector.fromArray(FS, c, o1 + FL));
            c20 = c20.add(FloatVector.fromArray(FS, c, o2));
            c21 = c21.add(FloatVector.fromArray(FS, c, o2 + FL));
            c30 = c30.add(FloatVector.fromArray(FS, c, o3));
            c31 = c31.add(FloatVector.fromArray(FS, c, o3 + FL));
            c40 = c40.add(FloatVector.fromArray(FS, c, o4));
            c41 = c41.add(FloatVector.fromArray(FS, c, o4 + FL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + FL);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + FL);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + FL);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + FL);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + FL);
    }

    /** {@link #kernel6F} for a panel of 4 rows. */
    private static void kernel4F(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(FS);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q * 4;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            FloatVector x = FloatVector.broadcast(FS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(FS, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(FS, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(FS, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        int o1 = cOff + ldc;
        int o2 = o1 + ldc;
        int o3 = o2 + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(FS, c, cOff));
            c01 = c01.add(FloatVector.fromArray(FS, c, cOff + FL));
            c10 = c10.add(FloatVector.fromArray(FS, c, o1));
            c11 = c11.add(FloatVector.fromArray(FS, c, o1 + FL));
            c20 = c20.add(FloatVector.fromArray(FS, c, o2));
            c21 = c21.add(FloatVector.fromArray(FS, c, o2 + FL));
            c30 = c30.add(FloatVector.fromArray(FS, c, o3));
            c31 = c31.add(FloatVector.fromArray(FS, c, o3 + FL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + FL);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + FL);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + FL);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + FL);
    }

    /** {@link #kernel6F} for a panel of 3 rows. */
    private static void kernel3F(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(FS);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q * 3;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            FloatVector x = FloatVector.broadcast(FS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(FS, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(FS, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
        }
        int o1 = cOff + ldc;
        int o2 = o1 + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(FS, c, cOff));
            c01 = c01.add(FloatVector.fromArray(FS, c, cOff + FL));
            c10 = c10.add(FloatVector.fromArray(FS, c, o1));
            c11 = c11.add(FloatVector.fromArray(FS, c, o1 + FL));
            c20 = c20.add(FloatVector.fromArray(FS, c, o2));
            c21 = c21.add(FloatVector.fromArray(FS, c, o2 + FL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + FL);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + FL);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + FL);
    }

    /** {@link #kernel6F} for a panel of 2 rows. */
    private static void kernel2F(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(FS);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q * 2;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            FloatVector x = FloatVector.broadcast(FS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(FS, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
        }
        int o1 = cOff + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(FS, c, cOff));
            c01 = c01.add(FloatVector.fromArray(FS, c, cOff + FL));
            c10 = c10.add(FloatVector.fromArray(FS, c, o1));
            c11 = c11.add(FloatVector.fromArray(FS, c, o1 + FL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + FL);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + FL);
    }

    /** {@link #kernel6F} for a panel of 1 row. */
    private static void kernel1F(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(FS);
        FloatVector c01 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            FloatVector x = FloatVector.broadcast(FS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(FS, c, cOff));
            c01 = c01.add(FloatVector.fromArray(FS, c, cOff + FL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + FL);
    }

    /**
     * Unpacked triple loop for products too small to repay packing: the dot-product order with a float
     * accumulator, any strides.
     */
    private static void smallF(Problem p, int bi) {
        float[] a = p.af;
        float[] b = p.bf;
        float[] c = p.cf;
        int aBase = p.aOff + bi * p.aBs;
        int bBase = p.bOff + bi * p.bBs;
        int cBase = p.cOff + bi * p.cBs;
        for (int i = 0; i < p.m; i++) {
            int ai = aBase + i * p.aRs;
            int ci = cBase + i * p.cRs;
            for (int j = 0; j < p.n; j++) {
                int bj = bBase + j * p.bCs;
                float sum = 0f;
                for (int q = 0; q < p.k; q++) {
                    sum += a[ai + q * p.aCs] * b[bj + q * p.bRs];
                }
                c[ci + j * p.cCs] = sum;
            }
        }
    }
    // =================================================================================== end FLOAT32

    // ===================================================================================== FLOAT64
    // The FLOAT32 section with float replaced by double (generated that way); keep the two in step.

    /** One worker's share: products {@code [from, to)} of the (batch x part) unit grid. */
    private static void runUnitsD(Problem p, int from, int to) {
        Scratch s = SCRATCH.get();
        for (int u = from; u < to; u++) {
            int bi = u / p.parts;
            int part = u % p.parts;
            if (p.splitN) {
                int tile = p.dot(p.m) ? 1 : NRD; // the dot-product order has no column slivers to keep whole
                gemmD(p, bi, 0, p.m, p.start(part, p.n, tile), p.start(part + 1, p.n, tile), s);
            } else {
                gemmD(p, bi, p.start(part, p.m, 1), p.start(part + 1, p.m, 1), 0, p.n, s);
            }
        }
    }

    /**
     * The blocked product for rows {@code [m0, m1)} and columns {@code [n0, n1)} of batch item {@code bi},
     * on the calling thread: GotoBLAS loop order jc (NC columns) / pc (KC depth) / ic (MC rows), with a packed
     * B panel shared by all row blocks and a packed A block reused across all column slivers.
     */
    private static void gemmD(Problem p, int bi, int m0, int m1, int n0, int n1, Scratch s) {
        if (m0 >= m1 || n0 >= n1) {
            return;
        }
        double[] a = p.ad;
        double[] b = p.bd;
        double[] c = p.cd;
        int aBase = p.aOff + bi * p.aBs;
        int bBase = p.bOff + bi * p.bBs;
        int cBase = p.cOff + bi * p.cBs;
        int k = p.k;
        if (p.dot(m1 - m0)) {
            MatmulDot.productD(a, aBase, p.aRs, b, bBase, p.bCs, c, cBase, p.cRs, p.cCs, m0, m1, n0, n1, k,
                    s.aPackD((m1 - m0) * Math.min(MatmulDot.KC, k)));
            return;
        }
        // With few rows each B element is used by few micro-tiles, so a separate packing pass over B (which
        // streams it from L3 or memory without overlapping any arithmetic) costs more than it saves: read
        // full-width slivers of a row-major B in place and pack only the ragged last sliver.
        boolean direct = p.direct(m1 - m0, Double.BYTES);
        // Read in place, B's rows are strided for the hardware prefetchers; when B is too big to stay in cache
        // between calls, each block is first swept once in address order (see touchF).
        boolean touch = direct && (long) k * (n1 - n0) * Double.BYTES >= TOUCH_BYTES;
        double sink = 0d;
        double[] ap = s.aPackD(Math.min(MCD, m1 - m0) * Math.min(KCD, k));
        // A single block of A (a short, shallow A such as a layer's dZ) is packed once for every column panel.
        boolean oneABlock = m1 - m0 <= MCD && k <= KCD;
        double[] bp = s.bPackD(Math.min(KCD, k) * (direct ? NRD : roundUp(Math.min(NCD, n1 - n0), NRD)));
        double[] tile = s.tileD();
        for (int jc = n0; jc < n1; jc += NCD) {
            int nc = Math.min(NCD, n1 - jc);
            for (int pc = 0; pc < k; pc += KCD) {
                int kc = Math.min(KCD, k - pc);
                int bSrc = bBase + pc * p.bRs + jc * p.bCs;
                if (!direct) {
                    packBD(b, bSrc, p.bRs, p.bCs, kc, nc, bp);
                } else {
                    if (touch) {
                        sink += touchD(b, bSrc, p.bRs, kc, nc);
                    }
                    if (nc % NRD != 0) {
                        int full = nc - nc % NRD;
                        packBD(b, bSrc + full, p.bRs, 1, kc, nc - full, bp);
                    }
                }
                for (int ic = m0; ic < m1; ic += MCD) {
                    int mc = Math.min(MCD, m1 - ic);
                    if (!oneABlock || jc == n0) {
                        packAD(a, aBase + ic * p.aRs + pc * p.aCs, p.aRs, p.aCs, mc, kc, ap);
                    }
                    macroD(kc, mc, nc, ap, direct ? b : null, bSrc, p.bRs, bp, c, cBase + ic * p.cRs + jc * p.cCs,
                            p.cRs, p.cCs, pc > 0, tile);
                }
            }
        }
        if (touch) {
            touchSink = sink;
        }
    }

    /**
     * Loads one element of every cache line of the {@code kc x nc} block of a row-major B, row after row, and
     * returns their sum so the JIT cannot drop the loads. Java has no prefetch instruction; this sequential
     * sweep has many independent misses in flight and pulls a block that was in memory into L2 at close to
     * full bandwidth, where the micro-kernel's strided reads would otherwise stall on one miss after another.
     * Measured: +10-50% for B beyond ~10 MB, -5% when B is cache-resident (hence {@link #TOUCH_BYTES}).
     */
    private static double touchD(double[] b, int off, int rs, int kc, int nc) {
        double sum = 0d;
        for (int q = 0; q < kc; q++) {
            int row = off + q * rs;
            for (int j = 0; j < nc; j += LINE_D) {
                sum += b[row + j];
            }
            sum += b[row + nc - 1];
        }
        return sum;
    }

    /**
     * Packs the {@code kc x nc} block of B at {@code off} into slivers of NR columns, each stored depth-major
     * ({@code NR} consecutive values per depth step) and zero-padded to NR, so the micro-kernel reads B with
     * unit stride whatever B's layout was. Sliver {@code s} starts at {@code s * kc * NR}.
     */
    private static void packBD(double[] b, int off, int rs, int cs, int kc, int nc, double[] bp) {
        int full = nc / NRD;
        int rem = nc - full * NRD;
        int sliver = kc * NRD;
        if (cs == 1) {
            // Row-major B: read each row of the block front to back (one sequential stream, which the hardware
            // prefetchers follow best) and deal it out to the slivers.
            int whole = rem - rem % DL;
            for (int q = 0; q < kc; q++) {
                int src = off + q * rs;
                int dst = q * NRD;
                for (int s = 0; s < full; s++) {
                    DoubleVector.fromArray(DS, b, src).intoArray(bp, dst);
                    DoubleVector.fromArray(DS, b, src + DL).intoArray(bp, dst + DL);
                    src += NRD;
                    dst += sliver;
                }
                if (rem > 0) {
                    for (int v = 0; v < NRD; v += DL) {
                        ZERO_D.intoArray(bp, dst + v);
                    }
                    for (int v = 0; v < whole; v += DL) {
                        DoubleVector.fromArray(DS, b, src + v).intoArray(bp, dst + v);
                    }
                    for (int jj = whole; jj < rem; jj++) {
                        bp[dst + jj] = b[src + jj];
                    }
                }
            }
            return;
        }
        for (int j = 0, idx = 0; j < nc; j += NRD, idx += sliver) {
            int nr = Math.min(NRD, nc - j);
            int col = off + j * cs;
            if (rs == 1) {
                // B stored transposed (depth contiguous): read each column along k, write strided into the sliver.
                for (int jj = 0; jj < nr; jj++) {
                    int src = col + jj * cs;
                    for (int q = 0; q < kc; q++) {
                        bp[idx + q * NRD + jj] = b[src + q];
                    }
                }
            } else {
                for (int q = 0; q < kc; q++) {
                    int src = col + q * rs;
                    for (int jj = 0; jj < nr; jj++) {
                        bp[idx + q * NRD + jj] = b[src + jj * cs];
                    }
                }
            }
            if (nr < NRD) {
                for (int q = 0; q < kc; q++) {
                    for (int jj = nr; jj < NRD; jj++) {
                        bp[idx + q * NRD + jj] = 0d;
                    }
                }
            }
        }
    }

    /**
     * Packs the {@code mc x kc} block of A into row panels (see {@link #panelRows}), each stored depth-major:
     * the panel's {@code h} values for depth 0, then for depth 1, and so on, so the micro-kernel reads A
     * sequentially whatever A's strides were; the panel that starts at block row {@code r} starts at {@code r * kc}.
     */
    private static void packAD(double[] a, int off, int rs, int cs, int mc, int kc, double[] ap) {
        int panels = (mc + MR - 1) / MR;
        int idx = 0;
        int row = 0;
        for (int g = 0; g < panels; g++) {
            int h = panelRows(mc, panels, g);
            int src = off + row * rs;
            if (h == MR) {
                int r1 = src + rs;
                int r2 = r1 + rs;
                int r3 = r2 + rs;
                int r4 = r3 + rs;
                int r5 = r4 + rs;
                for (int q = 0; q < kc; q++) {
                    int d = q * cs;
                    ap[idx] = a[src + d];
                    ap[idx + 1] = a[r1 + d];
                    ap[idx + 2] = a[r2 + d];
                    ap[idx + 3] = a[r3 + d];
                    ap[idx + 4] = a[r4 + d];
                    ap[idx + 5] = a[r5 + d];
                    idx += MR;
                }
            } else {
                for (int q = 0; q < kc; q++) {
                    int d = src + q * cs;
                    for (int ii = 0; ii < h; ii++) {
                        ap[idx++] = a[d + ii * rs];
                    }
                }
            }
            row += h;
        }
    }

    /**
     * Runs the micro-kernels over every row panel x NR tile of an {@code mc x nc} block of C. B comes from the
     * packed panel {@code bp}, or, when {@code b} is not null, full-width slivers straight from B at {@code bSrc}
     * with row stride {@code bRs} (the ragged last sliver is then packed at the start of {@code bp}). Full-width
     * tiles of a C with unit column stride are updated in place; others go through the small scratch
     * {@code tile}.
     */
    private static void macroD(int kc, int mc, int nc, double[] ap, double[] b, int bSrc, int bRs, double[] bp,
            double[] c, int cOff, int cRs, int cCs, boolean accumulate, double[] tile) {
        int panels = (mc + MR - 1) / MR;
        for (int jr = 0; jr < nc; jr += NRD) {
            int nr = Math.min(NRD, nc - jr);
            double[] bArr = bp;
            int bIdx = (jr / NRD) * kc * NRD;
            int ldb = NRD;
            if (b != null) {
                if (nr == NRD) {
                    bArr = b;
                    bIdx = bSrc + jr;
                    ldb = bRs;
                } else {
                    bIdx = 0;
                }
            }
            boolean inPlace = nr == NRD && cCs == 1;
            double[] dst = inPlace ? c : tile;
            int ldd = inPlace ? cRs : NRD;
            boolean acc = inPlace && accumulate;
            int row = 0;
            for (int g = 0; g < panels; g++) {
                int h = panelRows(mc, panels, g);
                int aIdx = row * kc;
                int cIdx = cOff + row * cRs + jr * cCs;
                int dOff = inPlace ? cIdx : 0;
                switch (h) {
                    case 6 -> kernel6D(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                    case 5 -> kernel5D(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                    case 4 -> kernel4D(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                    case 3 -> kernel3D(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                    case 2 -> kernel2D(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                    default -> kernel1D(kc, ap, aIdx, bArr, bIdx, ldb, dst, dOff, ldd, acc);
                }
                if (!inPlace) {
                    scatterD(tile, h, nr, c, cIdx, cRs, cCs, accumulate);
                }
                row += h;
            }
        }
    }

    /** Writes (or adds) the leading {@code rows x cols} of a scratch tile into C. */
    private static void scatterD(double[] tile, int rows, int cols, double[] c, int cIdx, int cRs, int cCs,
            boolean accumulate) {
        for (int i = 0; i < rows; i++) {
            int t = i * NRD;
            int o = cIdx + i * cRs;
            if (accumulate) {
                for (int j = 0; j < cols; j++) {
                    c[o + j * cCs] += tile[t + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    c[o + j * cCs] = tile[t + j];
                }
            }
        }
    }

    /**
     * The 6 x (2 vectors) register tile: 12 accumulators, 2 B vectors and one broadcast A value live, 15 of the
     * 32 AVX-512 registers. Larger tiles (8x3, 4x4) measured slower; more live vectors than registers makes C2
     * spill or box them, which costs 5-8x. Reads a packed A panel of 6 rows from {@code aOff}, B from
     * {@code bp} at {@code bOff} with row stride {@code ldb}, and writes (or adds, when {@code accumulate}) the
     * tile to {@code c} at {@code cOff} with row stride {@code ldc}.
     */
    private static void kernel6D(int kc, double[] ap, int aOff, double[] bp, int bOff, int ldb, double[] c, int cOff,
            int ldc, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(DS);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q * 6;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            DoubleVector x = DoubleVector.broadcast(DS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(DS, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(DS, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(DS, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(DS, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(DS, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        // The stores are spelled out rather than delegated to a helper: a vector passed to a method C2 does
        // not inline is boxed, and a helper called from this big method may well be left out of line.
        int o1 = cOff + ldc;
        int o2 = o1 + ldc;
        int o3 = o2 + ldc;
        int o4 = o3 + ldc;
        int o5 = o4 + ldc;
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(DS, c, cOff));
            c01 = c01.add(DoubleVector.fromArray(DS, c, cOff + DL));
            c10 = c10.add(DoubleVector.fromArray(DS, c, o1));
            c11 = c11.add(DoubleVector.fromArray(DS, c, o1 + DL));
            c20 = c20.add(DoubleVector.fromArray(DS, c, o2));
            c21 = c21.add(DoubleVector.fromArray(DS, c, o2 + DL));
            c30 = c30.add(DoubleVector.fromArray(DS, c, o3));
            c31 = c31.add(DoubleVector.fromArray(DS, c, o3 + DL));
            c40 = c40.add(DoubleVector.fromArray(DS, c, o4));
            c41 = c41.add(DoubleVector.fromArray(DS, c, o4 + DL));
            c50 = c50.add(DoubleVector.fromArray(DS, c, o5));
            c51 = c51.add(DoubleVector.fromArray(DS, c, o5 + DL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + DL);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + DL);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + DL);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + DL);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + DL);
        c50.intoArray(c, o5);
        c51.intoArray(c, o5 + DL);
    }

    /** {@link #kernel6F} for a panel of 5 rows. */
    private static void kernel5D(int kc, double[] ap, int aOff, double[] bp, int bOff, int ldb, double[] c, int cOff,
            int ldc, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(DS);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q * 5;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            DoubleVector x = DoubleVector.broadcast(DS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(DS, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(DS, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(DS, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(DS, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
        }
        int o1 = cOff + ldc;
        int o2 = o1 + ldc;
        int o3 = o2 + ldc;
        int o4 = o3 + ldc;
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(DS, c, cOff));
            c01 = c01.add(DoubleVector.fromArray(DS, c, cOff + DL));
            c10 = c10.add(DoubleVector.fromArray(DS, c, o1));
            c11 = c11.add(DoubleVector.fromArray(DS, c, o1 + DL));
            c20 = c20.add(DoubleVector.fromArray(DS, c, o2));
            c21 = c21.add(DoubleVector.fromArray(DS, c, o2 + DL));
            c30 = c30.add(DoubleVector.fromArray(DS, c, o3));
            c31 = c31.add(DoubleVector.fromArray(DS, c, o3 + DL));
            c40 = c40.add(DoubleVector.fromArray(DS, c, o4));
            c41 = c41.add(DoubleVector.fromArray(DS, c, o4 + DL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + DL);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + DL);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + DL);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + DL);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + DL);
    }

    /** {@link #kernel6F} for a panel of 4 rows. */
    private static void kernel4D(int kc, double[] ap, int aOff, double[] bp, int bOff, int ldb, double[] c, int cOff,
            int ldc, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(DS);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q * 4;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            DoubleVector x = DoubleVector.broadcast(DS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(DS, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(DS, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(DS, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        int o1 = cOff + ldc;
        int o2 = o1 + ldc;
        int o3 = o2 + ldc;
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(DS, c, cOff));
            c01 = c01.add(DoubleVector.fromArray(DS, c, cOff + DL));
            c10 = c10.add(DoubleVector.fromArray(DS, c, o1));
            c11 = c11.add(DoubleVector.fromArray(DS, c, o1 + DL));
            c20 = c20.add(DoubleVector.fromArray(DS, c, o2));
            c21 = c21.add(DoubleVector.fromArray(DS, c, o2 + DL));
            c30 = c30.add(DoubleVector.fromArray(DS, c, o3));
            c31 = c31.add(DoubleVector.fromArray(DS, c, o3 + DL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + DL);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + DL);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + DL);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + DL);
    }

    /** {@link #kernel6F} for a panel of 3 rows. */
    private static void kernel3D(int kc, double[] ap, int aOff, double[] bp, int bOff, int ldb, double[] c, int cOff,
            int ldc, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(DS);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q * 3;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            DoubleVector x = DoubleVector.broadcast(DS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(DS, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(DS, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
        }
        int o1 = cOff + ldc;
        int o2 = o1 + ldc;
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(DS, c, cOff));
            c01 = c01.add(DoubleVector.fromArray(DS, c, cOff + DL));
            c10 = c10.add(DoubleVector.fromArray(DS, c, o1));
            c11 = c11.add(DoubleVector.fromArray(DS, c, o1 + DL));
            c20 = c20.add(DoubleVector.fromArray(DS, c, o2));
            c21 = c21.add(DoubleVector.fromArray(DS, c, o2 + DL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + DL);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + DL);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + DL);
    }

    /** {@link #kernel6F} for a panel of 2 rows. */
    private static void kernel2D(int kc, double[] ap, int aOff, double[] bp, int bOff, int ldb, double[] c, int cOff,
            int ldc, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(DS);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q * 2;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            DoubleVector x = DoubleVector.broadcast(DS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(DS, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
        }
        int o1 = cOff + ldc;
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(DS, c, cOff));
            c01 = c01.add(DoubleVector.fromArray(DS, c, cOff + DL));
            c10 = c10.add(DoubleVector.fromArray(DS, c, o1));
            c11 = c11.add(DoubleVector.fromArray(DS, c, o1 + DL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + DL);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + DL);
    }

    /** {@link #kernel6F} for a panel of 1 row. */
    private static void kernel1D(int kc, double[] ap, int aOff, double[] bp, int bOff, int ldb, double[] c, int cOff,
            int ldc, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(DS);
        DoubleVector c01 = c00;
        for (int q = 0; q < kc; q++) {
            int bi = bOff + q * ldb;
            int ai = aOff + q;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            DoubleVector x = DoubleVector.broadcast(DS, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
        }
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(DS, c, cOff));
            c01 = c01.add(DoubleVector.fromArray(DS, c, cOff + DL));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + DL);
    }

    /**
     * Unpacked triple loop for products too small to repay packing: the dot-product order with a double
     * accumulator, any strides.
     */
    private static void smallD(Problem p, int bi) {
        double[] a = p.ad;
        double[] b = p.bd;
        double[] c = p.cd;
        int aBase = p.aOff + bi * p.aBs;
        int bBase = p.bOff + bi * p.bBs;
        int cBase = p.cOff + bi * p.cBs;
        for (int i = 0; i < p.m; i++) {
            int ai = aBase + i * p.aRs;
            int ci = cBase + i * p.cRs;
            for (int j = 0; j < p.n; j++) {
                int bj = bBase + j * p.bCs;
                double sum = 0d;
                for (int q = 0; q < p.k; q++) {
                    sum += a[ai + q * p.aCs] * b[bj + q * p.bRs];
                }
                c[ci + j * p.cCs] = sum;
            }
        }
    }
    // =================================================================================== end FLOAT64
}
