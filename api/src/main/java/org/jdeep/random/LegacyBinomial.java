package org.jdeep.random;

/**
 * numpy's legacy binomial sampler ({@code legacy_random_binomial} in
 * {@code numpy/random/src/legacy/legacy-distributions.c}, with {@code random_binomial_inversion} and
 * {@code random_binomial_btpe} from {@code distributions.c}), including the {@code binomial_t} cache of
 * the set-up constants keyed on {@code (n, p)}.
 *
 * <p>Unlike the new {@code Generator}, the legacy dispatcher has no early return for {@code n == 0} or
 * {@code p == 0}: those cases go through the inversion sampler and consume one double each, as numpy does.
 * Arithmetic follows the C expressions operation by operation (C's {@code long} is Java's {@code long});
 * {@code log}/{@code exp} are {@link Math#log}/{@link Math#exp}, which may differ from the C library in
 * the last bit (a decision that hinges on that bit would differ; see {@link RandomState}).
 */
final class LegacyBinomial {
    private boolean hasBinomial;
    private long nsave;
    private double psave;
    private double r;
    private double q;
    private double fm;
    private long m;
    private double p1;
    private double xm;
    private double xl;
    private double xr;
    private double c;
    private double laml;
    private double lamr;
    private double p2;
    private double p3;
    private double p4;

    /** Forgets the cached constants (numpy clears {@code has_binomial} when seeding). */
    void reset() {
        hasBinomial = false;
    }

    /** {@code legacy_random_binomial_original(bitgen, p, n, binomial)}. */
    long sample(MersenneTwister mt, double p, long n) {
        if (p <= 0.5) {
            if (p * n <= 30.0) {
                return inversion(mt, n, p);
            }
            return btpe(mt, n, p);
        }
        double qq = 1.0 - p;
        if (qq * n <= 30.0) {
            return n - inversion(mt, n, qq);
        }
        return n - btpe(mt, n, qq);
    }

    /** {@code random_binomial_inversion}. */
    private long inversion(MersenneTwister mt, long n, double p) {
        double qq;
        double qn;
        long bound;
        if (!hasBinomial || nsave != n || psave != p) {
            nsave = n;
            psave = p;
            hasBinomial = true;
            q = qq = 1.0 - p;
            r = qn = Math.exp(n * Math.log(qq));
            double np = n * p;
            c = np;
            bound = (long) Math.min((double) n, np + 10.0 * Math.sqrt(np * qq + 1));
            m = bound;
        } else {
            qq = q;
            qn = r;
            bound = m;
        }
        long x = 0;
        double px = qn;
        double u = mt.nextDouble();
        while (u > px) {
            x++;
            if (x > bound) {
                x = 0;
                px = qn;
                u = mt.nextDouble();
            } else {
                u -= px;
                px = ((n - x + 1) * p * px) / (x * qq);
            }
        }
        return x;
    }

    /** {@code random_binomial_btpe} (Kachitvichyanukul and Schmeiser's BTPE), step labels as in numpy. */
    private long btpe(MersenneTwister mt, long n, double p) {
        if (!hasBinomial || nsave != n || psave != p) {
            nsave = n;
            psave = p;
            hasBinomial = true;
            r = Math.min(p, 1.0 - p);
            q = 1.0 - r;
            fm = n * r + r;
            m = (long) Math.floor(fm);
            p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
            xm = m + 0.5;
            xl = xm - p1;
            xr = xm + p1;
            c = 0.134 + 20.5 / (15.3 + m);
            double a = (fm - xl) / (fm - xl * r);
            laml = a * (1.0 + a / 2.0);
            a = (xr - fm) / (xr * q);
            lamr = a * (1.0 + a / 2.0);
            p2 = p1 * (1.0 + 2.0 * c);
            p3 = p2 + c / laml;
            p4 = p3 + c / lamr;
        }
        final double r = this.r;
        final double q = this.q;
        final long m = this.m;
        final double p1 = this.p1;
        final double xm = this.xm;
        final double xl = this.xl;
        final double xr = this.xr;
        final double c = this.c;
        final double laml = this.laml;
        final double lamr = this.lamr;
        final double p2 = this.p2;
        final double p3 = this.p3;
        final double p4 = this.p4;

        long y;
        while (true) {
            // Step10
            double nrq = n * r * q;
            double u = mt.nextDouble() * p4;
            double v = mt.nextDouble();
            if (u <= p1) {
                y = (long) Math.floor(xm - p1 * v + u);
                break; // Step60
            }
            if (u <= p2) {
                // Step20
                double x = xl + (u - p1) / c;
                v = v * c + 1.0 - Math.abs(m - x + 0.5) / p1;
                if (v > 1.0) {
                    continue;
                }
                y = (long) Math.floor(x);
            } else if (u <= p3) {
                // Step30
                y = (long) Math.floor(xl + Math.log(v) / laml);
                if (y < 0 || v == 0.0) {
                    continue;
                }
                v = v * (u - p2) * laml;
            } else {
                // Step40
                y = (long) Math.floor(xr - Math.log(v) / lamr);
                if (y > n || v == 0.0) {
                    continue;
                }
                v = v * (u - p3) * lamr;
            }
            // Step50
            long k = Math.abs(y - m);
            if (!(k > 20 && k < nrq / 2.0 - 1)) {
                double s = r / q;
                double a = s * (n + 1);
                double f = 1.0;
                if (m < y) {
                    for (long i = m + 1; i <= y; i++) {
                        f *= a / i - s;
                    }
                } else if (m > y) {
                    for (long i = y + 1; i <= m; i++) {
                        f /= a / i - s;
                    }
                }
                if (v > f) {
                    continue;
                }
                break; // Step60
            }
            // Step52
            double rho = (k / nrq) * ((k * (k / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
            double t = -k * k / (2 * nrq);
            double capA = Math.log(v);
            if (capA < t - rho) {
                break; // Step60
            }
            if (capA > t + rho) {
                continue;
            }
            double x1 = y + 1;
            double f1 = m + 1;
            double z = n + 1 - m;
            double w = n - y + 1;
            double x2 = x1 * x1;
            double f2 = f1 * f1;
            double z2 = z * z;
            double w2 = w * w;
            if (capA > (xm * Math.log(f1 / x1) + (n - m + 0.5) * Math.log(z / w)
                    + (y - m) * Math.log(w * r / (x1 * q))
                    + (13680. - (462. - (132. - (99. - 140. / f2) / f2) / f2) / f2) / f1 / 166320.
                    + (13680. - (462. - (132. - (99. - 140. / z2) / z2) / z2) / z2) / z / 166320.
                    + (13680. - (462. - (132. - (99. - 140. / x2) / x2) / x2) / x2) / x1 / 166320.
                    + (13680. - (462. - (132. - (99. - 140. / w2) / w2) / w2) / w2) / w / 166320.)) {
                continue;
            }
            break; // Step60
        }
        // Step60
        if (p > 0.5) {
            y = n - y;
        }
        return y;
    }
}
