package org.jdeep.models.companion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeepNetApplicationCompanionTest {
    private MemoryScope scope;

    @BeforeEach
    void open() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private static int[] dims(CourseReference.Case c) {
        double[] d = CourseReference.flatten(c.params().get("layers_dims"));
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    @Test
    void twoLayerModelMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c1w4_two_layer_model_1");
        DeepNetApplicationCompanion.Training t = DeepNetApplicationCompanion.twoLayerModel(c.in("X"), c.in("Y"), dims(c),
                c.param("learning_rate"), (int) c.param("num_iterations"), false);
        t.parameters().forEach(c::check);
        c.check("costs", t.costs());
        c.check("printed_last_cost", t.lastCost());
    }

    @Test
    void lLayerModelMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c1w4_L_layer_model_1");
        DeepNetApplicationCompanion.Training t = DeepNetApplicationCompanion.lLayerModel(c.in("X"), c.in("Y"), dims(c),
                c.param("learning_rate"), (int) c.param("num_iterations"), false);
        t.parameters().forEach(c::check);
        c.check("costs", t.costs());
        c.check("printed_last_cost", t.lastCost());
    }

    @Test
    void lLayerModelTrainsLikeNumpy() {
        CompanionGolden.Case g = CompanionGolden.get("c1w4_L_layer_model_small");
        DeepNetApplicationCompanion.Training t = DeepNetApplicationCompanion.lLayerModel(g.tensor("X"), g.tensor("Y"),
                new int[] {6, 5, 3, 1}, 0.0075 * 10, 301, false);
        g.check("costs", t.costs(), 1e-10, 0);
        g.check("last_cost", t.lastCost(), 1e-10, 0);
        for (String k : List.of("W1", "b1", "W2", "b2", "W3", "b3")) {
            g.check(k, t.parameters().get(k), 1e-9, 1e-12);
        }
        Tensor p = DeepNetApplicationCompanion.predict(g.tensor("X"), null, t.parameters());
        assertEquals(12, p.size());
    }
}
