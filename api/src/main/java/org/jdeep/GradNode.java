package org.jdeep;

/**
 * One recorded operation of the autograd graph: the inputs that need gradients (edges), the rule that turns
 * the output's gradient into theirs, and the views of data the rule reads (released after use, so closing
 * a user's intermediate tensors never breaks a later {@code backward()}).
 */
final class GradNode {
    /** Maps the output's gradient to one gradient per input (null where an input needs none). */
    @FunctionalInterface
    interface Rule {
        Tensor[] apply(Tensor gradOut, boolean[] needed);
    }

    final Tensor[] inputs;
    final Rule rule;
    private final Tensor[] saved;

    GradNode(Tensor[] inputs, Rule rule, Tensor[] saved) {
        this.inputs = inputs;
        this.rule = rule;
        this.saved = saved;
    }

    void release() {
        for (Tensor t : saved) {
            t.close();
        }
    }
}
