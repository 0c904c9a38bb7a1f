package org.jdeep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jdeep.types.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Tensor#toString()} against numpy's {@code str()}: each expected string was printed by numpy 2.4.6
 * for the array in the comment (python3 -c 'import numpy as np; print(repr(str(EXPR)))').
 */
class TensorFormatTest {
    private MemoryScope scope;

    @BeforeEach
    void openScope() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    private static void check(String numpy, Tensor t) {
        assertEquals(numpy, t.toString(), () -> "str() of " + t.shape() + " " + t.dtype());
    }

    @Test
    void matrix() {
        // numpy: str(np.array([[1., 2.], [3., 4.]]))
        check("[[1. 2.]\n [3. 4.]]",
                Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
    }

    @Test
    void halves() {
        // numpy: str(np.array([0.5, 1.25]))
        check("[0.5  1.25]",
                Tensor.of(new double[] {0.5, 1.25}, 2));
    }

    @Test
    void ints() {
        // numpy: str(np.array([[1, -20, 300]], np.int32))
        check("[[  1 -20 300]]",
                Tensor.of(new int[] {1, -20, 300}, 1, 3));
    }

    @Test
    void negativeInts() {
        // numpy: str(np.array([-5, 3, 12], np.int32))
        check("[-5  3 12]",
                Tensor.of(new int[] {-5, 3, 12}, 3));
    }

    @Test
    void rank0Float() {
        // numpy: str(np.array(3.5))
        check("3.5",
                Tensor.scalar(3.5));
    }

    @Test
    void rank0One() {
        // numpy: str(np.array(1.0))
        check("1.0",
                Tensor.scalar(1.0));
    }

    @Test
    void rank0Small() {
        // numpy: str(np.array(1.5e-05))
        check("1.5e-05",
                Tensor.scalar(1.5e-05));
    }

    @Test
    void rank0Large() {
        // numpy: str(np.array(1.5e16))
        check("1.5e+16",
                Tensor.scalar(1.5e16));
    }

    @Test
    void rank0NegativeZero() {
        // numpy: str(np.array(-0.0))
        check("-0.0",
                Tensor.scalar(-0.0));
    }

    @Test
    void rank0Int() {
        // numpy: str(np.array(-7, np.int32))
        check("-7",
                Tensor.scalar(DType.INT32, -7));
    }

    @Test
    void rank0Float32() {
        // numpy: str(np.array(0.1, np.float32))
        check("0.1",
                Tensor.scalar(DType.FLOAT32, 0.1));
    }

    @Test
    void rank0NaN() {
        // numpy: str(np.array(np.nan))
        check("nan",
                Tensor.scalar(Double.NaN));
    }

    @Test
    void nanInf() {
        // numpy: str(np.array([np.nan, np.inf, -np.inf, 1.5]))
        check("[ nan  inf -inf  1.5]",
                Tensor.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5}, 4));
    }

    @Test
    void onlyNonFinite() {
        // numpy: str(np.array([np.nan, np.inf]))
        check("[nan inf]",
                Tensor.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY}, 2));
    }

    @Test
    void threeD() {
        // numpy: str(np.arange(12, dtype=np.int32).reshape(2, 2, 3))
        check("[[[ 0  1  2]\n  [ 3  4  5]]\n\n [[ 6  7  8]\n  [ 9 10 11]]]",
                Tensor.arange(12).reshape(2, 2, 3));
    }

    @Test
    void threeDFloat() {
        // numpy: str(np.arange(8.).reshape(2, 2, 2) / 4)
        check("[[[0.   0.25]\n  [0.5  0.75]]\n\n [[1.   1.25]\n  [1.5  1.75]]]",
                Tensor.arange(DType.FLOAT64, 0, 8, 1).div(4).reshape(2, 2, 2));
    }

    @Test
    void scientificSpread() {
        // numpy: str(np.array([1., 2000.]))
        check("[1.e+00 2.e+03]",
                Tensor.of(new double[] {1, 2000}, 2));
    }

    @Test
    void scientificSmall() {
        // numpy: str(np.array([1.5e-5, 1.0]))
        check("[1.5e-05 1.0e+00]",
                Tensor.of(new double[] {1.5e-5, 1.0}, 2));
    }

    @Test
    void scientificWideExponent() {
        // numpy: str(np.array([1e-5, 1e100]))
        check("[1.e-005 1.e+100]",
                Tensor.of(new double[] {1e-5, 1e100}, 2));
    }

    @Test
    void scientificNegative() {
        // numpy: str(np.array([-1.5e-5, 2.25e10, 0.0]))
        check("[-1.50e-05  2.25e+10  0.00e+00]",
                Tensor.of(new double[] {-1.5e-5, 2.25e10, 0.0}, 3));
    }

    @Test
    void scientificRoundsUp() {
        // numpy: str(np.array([9.9999999999, 1e-5]))
        check("[1.e+01 1.e-05]",
                Tensor.of(new double[] {9.9999999999, 1e-5}, 2));
    }

    @Test
    void float32Digits() {
        // numpy: str(np.array([0.1, 1/3], np.float32))
        check("[0.1        0.33333334]",
                Tensor.of(new float[] {0.1f, 1f / 3}, 2));
    }

    @Test
    void float64Digits() {
        // numpy: str(np.array([0.1, 1/3]))
        check("[0.1        0.33333333]",
                Tensor.of(new double[] {0.1, 1.0 / 3}, 2));
    }

    @Test
    void roundsToEightDigits() {
        // numpy: str(np.array([3.14159265358979, 2.0]))
        check("[3.14159265 2.        ]",
                Tensor.of(new double[] {3.14159265358979, 2.0}, 2));
    }

    @Test
    void negativeZero() {
        // numpy: str(np.array([-0.0, 1.0]))
        check("[-0.  1.]",
                Tensor.of(new double[] {-0.0, 1.0}, 2));
    }

    @Test
    void empty() {
        // numpy: str(np.zeros((0, 3)))
        check("[]",
                Tensor.zeros(DType.FLOAT64, 0, 3));
    }

    @Test
    void emptyInner() {
        // numpy: str(np.zeros((2, 0)))
        check("[]",
                Tensor.zeros(DType.FLOAT64, 2, 0));
    }

    @Test
    void column() {
        // numpy: str(np.array([[1.5], [-2.0], [10.0]]))
        check("[[ 1.5]\n [-2. ]\n [10. ]]",
                Tensor.of(new double[] {1.5, -2.0, 10.0}, 3, 1));
    }

    @Test
    void transposedView() {
        // numpy: str(np.arange(6, dtype=np.int32).reshape(2, 3).T)
        check("[[0 3]\n [1 4]\n [2 5]]",
                Tensor.arange(6).reshape(2, 3).transpose());
    }

    @Test
    void wrapped() {
        // numpy: str(np.arange(30.))
        check("[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.]",
                Tensor.arange(DType.FLOAT64, 0, 30, 1));
    }

    @Test
    void wrappedRows() {
        // numpy: str(np.arange(40, dtype=np.int32).reshape(2, 20) * 1000)
        check("[[    0  1000  2000  3000  4000  5000  6000  7000  8000  9000 10000 11000\n  12000 13000 14000 15000 16000 17000 18000 19000]\n [20000 21000 22000 23000 24000 25000 26000 27000 28000 29000 30000 31000\n  32000 33000 34000 35000 36000 37000 38000 39000]]",
                Tensor.arange(40).mul(1000).reshape(2, 20));
    }

    @Test
    void summarized() {
        // numpy: str(np.arange(2000, dtype=np.int32))
        check("[   0    1    2 ... 1997 1998 1999]",
                Tensor.arange(2000));
    }

    @Test
    void summarized2d() {
        // numpy: str(np.arange(1600, dtype=np.int32).reshape(40, 40))
        check("[[   0    1    2 ...   37   38   39]\n [  40   41   42 ...   77   78   79]\n [  80   81   82 ...  117  118  119]\n ...\n [1480 1481 1482 ... 1517 1518 1519]\n [1520 1521 1522 ... 1557 1558 1559]\n [1560 1561 1562 ... 1597 1598 1599]]",
                Tensor.arange(1600).reshape(40, 40));
    }

    @Test
    void summarized3d() {
        // numpy: str(np.arange(1331, dtype=np.int32).reshape(11, 11, 11) - 600)
        check("[[[-600 -599 -598 ... -592 -591 -590]\n  [-589 -588 -587 ... -581 -580 -579]\n  [-578 -577 -576 ... -570 -569 -568]\n  ...\n  [-512 -511 -510 ... -504 -503 -502]\n  [-501 -500 -499 ... -493 -492 -491]\n  [-490 -489 -488 ... -482 -481 -480]]\n\n [[-479 -478 -477 ... -471 -470 -469]\n  [-468 -467 -466 ... -460 -459 -458]\n  [-457 -456 -455 ... -449 -448 -447]\n  ...\n  [-391 -390 -389 ... -383 -382 -381]\n  [-380 -379 -378 ... -372 -371 -370]\n  [-369 -368 -367 ... -361 -360 -359]]\n\n [[-358 -357 -356 ... -350 -349 -348]\n  [-347 -346 -345 ... -339 -338 -337]\n  [-336 -335 -334 ... -328 -327 -326]\n  ...\n  [-270 -269 -268 ... -262 -261 -260]\n  [-259 -258 -257 ... -251 -250 -249]\n  [-248 -247 -246 ... -240 -239 -238]]\n\n ...\n\n [[ 368  369  370 ...  376  377  378]\n  [ 379  380  381 ...  387  388  389]\n  [ 390  391  392 ...  398  399  400]\n  ...\n  [ 456  457  458 ...  464  465  466]\n  [ 467  468  469 ...  475  476  477]\n  [ 478  479  480 ...  486  487  488]]\n\n [[ 489  490  491 ...  497  498  499]\n  [ 500  501  502 ...  508  509  510]\n  [ 511  512  513 ...  519  520  521]\n  ...\n  [ 577  578  579 ...  585  586  587]\n  [ 588  589  590 ...  596  597  598]\n  [ 599  600  601 ...  607  608  609]]\n\n [[ 610  611  612 ...  618  619  620]\n  [ 621  622  623 ...  629  630  631]\n  [ 632  633  634 ...  640  641  642]\n  ...\n  [ 698  699  700 ...  706  707  708]\n  [ 709  710  711 ...  717  718  719]\n  [ 720  721  722 ...  728  729  730]]]",
                Tensor.arange(1331).sub(600).reshape(11, 11, 11));
    }

    @Test
    void summarizedFloat() {
        // numpy: str(np.arange(1001.) / 4)
        check("[  0.     0.25   0.5  ... 249.5  249.75 250.  ]",
                Tensor.arange(DType.FLOAT64, 0, 1001, 1).div(4));
    }

    @Test
    void summarizedScientific() {
        // numpy: str(np.arange(1600.).reshape(40, 40) / 7)
        check("[[0.00000000e+00 1.42857143e-01 2.85714286e-01 ... 5.28571429e+00\n  5.42857143e+00 5.57142857e+00]\n [5.71428571e+00 5.85714286e+00 6.00000000e+00 ... 1.10000000e+01\n  1.11428571e+01 1.12857143e+01]\n [1.14285714e+01 1.15714286e+01 1.17142857e+01 ... 1.67142857e+01\n  1.68571429e+01 1.70000000e+01]\n ...\n [2.11428571e+02 2.11571429e+02 2.11714286e+02 ... 2.16714286e+02\n  2.16857143e+02 2.17000000e+02]\n [2.17142857e+02 2.17285714e+02 2.17428571e+02 ... 2.22428571e+02\n  2.22571429e+02 2.22714286e+02]\n [2.22857143e+02 2.23000000e+02 2.23142857e+02 ... 2.28142857e+02\n  2.28285714e+02 2.28428571e+02]]",
                Tensor.arange(DType.FLOAT64, 0, 1600, 1).div(7).reshape(40, 40));
    }
}
