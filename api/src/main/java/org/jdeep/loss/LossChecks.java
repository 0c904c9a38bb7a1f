package org.jdeep.loss;

import org.jdeep.ShapeMismatchException;
import org.jdeep.Tensor;
import org.jdeep.types.DType;

/** The argument checks the losses share, with messages that name the loss, the shapes and the dtypes. */
final class LossChecks {
    private LossChecks() {
    }

    /** Rejects a non-floating prediction. */
    static void floating(String loss, String what, Tensor t) {
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException(loss + ": " + what + " must be FLOAT32 or FLOAT64, got " + t.dtype()
                    + " " + t.shape());
        }
    }

    /**
     * Rejects targets whose shape differs from the prediction's. Broadcasting is not allowed here: {@code (m, 1)}
     * against {@code (m)} would silently broadcast to {@code (m, m)}.
     */
    static void sameShape(String loss, Tensor prediction, Tensor target) {
        if (!prediction.shape().equals(target.shape())) {
            throw new ShapeMismatchException(loss + ": prediction " + prediction.shape() + " and target "
                    + target.shape() + " must have the same shape");
        }
    }

    /** The target in the prediction's floating dtype family: INT32 0/1 labels become floating; a new or the same tensor. */
    static Tensor floatingTarget(Tensor target, Tensor prediction) {
        return target.dtype() == DType.INT32 ? target.to(prediction.dtype()) : target;
    }

    /** The number of examples, axis 0 (1 for a rank-0 prediction). */
    static int examples(String loss, Tensor prediction) {
        int m = prediction.rank() == 0 ? 1 : prediction.shape().dim(0);
        if (m == 0) {
            throw new IllegalArgumentException(loss + ": the batch " + prediction.shape() + " is empty");
        }
        return m;
    }

    /** Closes {@code t} unless it is {@code original}. */
    static void closeIfNew(Tensor t, Tensor original) {
        if (t != original) {
            t.close();
        }
    }
}
