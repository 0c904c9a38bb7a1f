package org.jdeep.models.companion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.models.c1w3.PlanarData;
import org.jdeep.random.RandomState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanarCompanionTest {
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
    void layerSizes() {
        PlanarCompanion.LayerSizes s = PlanarCompanion.layerSizes(Tensor.zeros(org.jdeep.types.DType.FLOAT64, 5, 3),
                Tensor.zeros(org.jdeep.types.DType.FLOAT64, 2, 3));
        assertEquals(new PlanarCompanion.LayerSizes(5, 4, 2), s);
    }

    @Test
    void initializeParametersMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c1w3_initialize_parameters_nb");
        Map<String, Tensor> p = PlanarCompanion.initializeParameters((int) c.inNumber("n_x"), (int) c.inNumber("n_h"),
                (int) c.inNumber("n_y"), new RandomState(2)); // the test seeds 2 before the call
        p.forEach(c::check);
    }

    @Test
    void forwardPropagationMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c1w3_forward_propagation");
        Map<String, Tensor> params = Map.of("W1", c.in("W1"), "b1", c.in("b1"), "W2", c.in("W2"), "b2", c.in("b2"));
        PlanarCompanion.Forward f = PlanarCompanion.forwardPropagation(c.in("X"), params);
        c.check("A2", f.A2());
        for (String k : List.of("Z1", "A1", "Z2")) {
            c.check(k, f.cache().get(k));
        }
        c.check("means_old_print", List.of(f.cache().get("Z1").mean().item(), f.cache().get("A1").mean().item(),
                f.cache().get("Z2").mean().item(), f.A2().mean().item()));
    }

    @Test
    void computeCostMatchesTheNotebook() {
        for (String id : List.of("c1w3_compute_cost_nb", "c1w3_compute_cost_public_2")) {
            CourseReference.Case c = CourseReference.get(id);
            c.check("cost", PlanarCompanion.computeCost(c.in("A2"), c.in("Y")));
        }
    }

    @Test
    void backwardPropagationMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c1w3_backward_propagation_nb");
        Map<String, Tensor> grads = PlanarCompanion.backwardPropagation(c.inMap("parameters"), c.inMap("cache"),
                c.in("X"), c.in("Y"));
        grads.forEach(c::check);
    }

    @Test
    void backwardPropagationEqualsAutograd() {
        RandomState rng = new RandomState(4);
        Tensor X = rng.randn(2, 7);
        Tensor Y = rng.rand(1, 7).gt(0.5);
        Map<String, Tensor> p = PlanarCompanion.initializeParameters(2, 4, 1, rng);
        p.replaceAll((k, t) -> t.add(rng.randn(t.shape().dims()).mul(0.5))); // away from the tiny initial values
        PlanarCompanion.Forward f = PlanarCompanion.forwardPropagation(X, p);
        Map<String, Tensor> byHand = PlanarCompanion.backwardPropagation(p, f.cache(), X, Y);
        AutogradOracle.check(p, byHand, leaves -> {
            PlanarCompanion.Forward g = PlanarCompanion.forwardPropagation(X, leaves);
            return org.jdeep.loss.BinaryCrossEntropy.ofProbabilities(g.A2().reshape(-1), Y.reshape(-1));
        }, 1e-13);
    }

    @Test
    void updateParametersMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c1w3_update_parameters");
        PlanarCompanion.updateParameters(c.inMap("parameters"), c.inMap("grads"), c.param("learning_rate"))
                .forEach(c::check);
    }

    @Test
    void predictMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c1w3_predict");
        Tensor p = PlanarCompanion.predict(c.inMap("parameters"), c.in("X"));
        c.check("predictions", p);
        c.check("mean", p.mean().item());
    }

    @Test
    void nnModelMatchesThePre2021Notebook() {
        CourseReference.Case c = CourseReference.get("c1w3_nn_model_old");
        PlanarCompanion.NnModel r = PlanarCompanion.nnModel(c.in("X"), c.in("Y"), (int) c.param("n_h"),
                (int) c.param("num_iterations"), false, new RandomState(2)); // initialize_parameters seeds 2
        r.parameters().forEach(c::check);
        c.check("costs_every_1000", r.costs());
        c.check("cost_iteration_0", r.costs().get(0));
    }

    @Test
    void nnModelOnTheFlowerMatchesNumpy() {
        CompanionGolden.Case g = CompanionGolden.get("c1w3_nn_model_flower_2001");
        Dataset flower = PlanarData.flower(1);
        Tensor X = flower.x().transpose();
        Tensor Y = flower.y().transpose();
        PlanarCompanion.NnModel r = PlanarCompanion.nnModel(X, Y, 4, 2001, false); // the 2021+ notebook seeds 3
        g.check("costs", r.costs(), 1e-11, 0);
        for (String k : List.of("W1", "b1", "W2", "b2")) {
            g.check(k, r.parameters().get(k), 1e-9, 1e-12);
        }
        g.check("predictions", PlanarCompanion.predict(r.parameters(), X), 0, 0);
    }
}
