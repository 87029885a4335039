"""Independent oracle values for the radar detection tests (run: python3 pd-oracle.py).

Computed with SciPy (Boost.Math's non-central chi-square, adaptive quadrature), by methods that
differ from Parapet's series (swerling.ts):
  Swerling 0: Pd = ncx2.sf(2y, 2N, 2NS)                       (direct non-central chi-square)
  Swerling I/III: Pd = ∫ Pd_0(N, S·x) p_k(x) dx                (quadrature over the RCS pdf, k = 1, 2)
  Swerling II: Pd = Q(N, y/(1+S))                              (Meyer & Mayer closed form)
  Swerling IV: Pd = Σ_j Binom(j; N, 1−1/β) Q(N+j, y/β), β=1+S/2 (DiFranco & Rubin binomial form)
Threshold: Q(N, y) = Pfa. Values are pasted into swerling.test.ts / marcum-q.test.ts.
"""
import numpy as np
from scipy import stats, special, integrate, optimize


def threshold(pfa, n):
    return special.gammainccinv(n, pfa)


def pd0(s, y, n):
    return stats.ncx2.sf(2 * y, 2 * n, 2 * n * s)


def pd(s, pfa, n, sw):
    y = threshold(pfa, n)
    if sw == 0:
        return pd0(s, y, n)
    if sw in (1, 3):
        k = 1 if sw == 1 else 2
        pdf = lambda x: stats.gamma.pdf(x, k, scale=1 / k)
        val, _ = integrate.quad(lambda x: pd0(s * x, y, n) * pdf(x), 0, np.inf, limit=500, epsabs=1e-13, epsrel=1e-11)
        return val
    if sw == 2:
        return special.gammaincc(n, y / (1 + s))
    if sw == 4:
        beta = 1 + s / 2
        j = np.arange(0, n + 1)
        w = stats.binom.pmf(j, n, 1 - 1 / beta)
        return float(np.sum(w * special.gammaincc(n + j, y / beta)))


def req_db(p, pfa, n, sw):
    return optimize.brentq(lambda db: pd(10 ** (db / 10), pfa, n, sw) - p, -30, 60, xtol=1e-10)


if __name__ == "__main__":
    print("// Marcum Q_M(a, b) = ncx2.sf(b^2, 2M, a^2)")
    for m, a, b in [(1, 0.5, 1.0), (1, 2.0, 3.0), (1, 5.0, 5.2565), (1, 8.0, 5.0), (3, 2.0, 4.0), (10, 6.0, 8.0), (100, 10.0, 16.0), (1000, 20.0, 48.0)]:
        print(f"[{m}, {a}, {b}, {stats.ncx2.sf(b * b, 2 * m, a * a):.15g}],")
    print("// required SNR dB [pd, pfa, n, sw, dB]")
    for sw in range(5):
        for n in (1, 10, 100):
            for p in (0.5, 0.9):
                print(f"[{p}, 1e-6, {n}, {sw}, {req_db(p, 1e-6, n, sw):.6f}],")
    print("// Pd at SNR [snrDb, pfa, n, sw, pd]")
    for sw in range(5):
        for n, snr_db in ((1, 10.0), (1, 15.0), (4, 8.0), (30, 0.0)):
            print(f"[{snr_db}, 1e-6, {n}, {sw}, {pd(10 ** (snr_db / 10), 1e-6, n, sw):.12g}],")
