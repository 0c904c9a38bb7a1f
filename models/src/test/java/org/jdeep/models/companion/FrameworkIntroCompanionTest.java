package org.jdeep.models.companion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrameworkIntroCompanionTest {
    private MemoryScope scope;

    @BeforeEach
    void open() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void oneHotMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c2w3_one_hot_matrix_1");
        c.check("one_hot", FrameworkIntroCompanion.oneHotMatrix((int) c.inNumber("label"), (int) c.inNumber("C")));
        CourseReference.Case old = CourseReference.get("c2w3_one_hot_matrix_old");
        Tensor labels = old.in("labels").to(DType.INT32);
        old.check("one_hot", FrameworkIntroCompanion.oneHotMatrix(labels, (int) old.inNumber("C")));
    }

    @Test
    void costsAndOnesMatchTheNotebook() {
        CourseReference.Case c = CourseReference.get("c2w3_sigmoid_cross_entropy_old");
        c.check("cost", FrameworkIntroCompanion.cost(c.in("logits"), c.in("labels")));
        CourseReference.Case t = CourseReference.get("c2w3_compute_total_loss_1");
        t.check("total_loss", FrameworkIntroCompanion.computeTotalLoss(t.in("logits"), t.in("labels")));
        CourseReference.Case o = CourseReference.get("c2w3_ones_old");
        o.check("ones", FrameworkIntroCompanion.ones(3));
    }

    @Test
    void initializeParametersHasTheNotebooksShapes() {
        CourseReference.Case c = CourseReference.get("c2w3_initialize_parameters_glorot");
        Map<String, Tensor> p = FrameworkIntroCompanion.initializeParameters(new RandomState(1));
        for (Map.Entry<String, JsonElement> e : c.outputs().getAsJsonObject("shapes").entrySet()) {
            int[] shape = java.util.Arrays.stream(CourseReference.flatten(e.getValue())).mapToInt(d -> (int) d).toArray();
            assertArrayEquals(shape, p.get(e.getKey()).shape().dims(), e.getKey());
            double mean = p.get(e.getKey()).mean().item();
            assertEquals(0, mean, 0.5, "the notebook's test: |mean| < 0.5");
        }
    }

    @Test
    void linearFunctionAndForwardPropagationMatchNumpy() {
        CompanionGolden.Case l = CompanionGolden.get("c2w3_linear_function");
        l.check("Y", FrameworkIntroCompanion.linearFunction(), 1e-14, 0);
        CompanionGolden.Case f = CompanionGolden.get("c2w3_forward_propagation");
        f.check("Z3", FrameworkIntroCompanion.forwardPropagation(f.tensor("X"),
                f.tensors("W1", "b1", "W2", "b2", "W3", "b3")), 1e-12, 1e-15);
    }
}
