/*
 * Course 2, week 3, "Hyperparameter tuning, Batch Normalization and Programming Frameworks": 3.4 Normalizing
 * activations in a network, 3.5 Fitting Batch Norm into a neural network, 3.6 Why does Batch Norm work?, 3.7 Batch
 * Norm at test time (Ioffe and Szegedy, 2015), 3.8 Softmax Regression, 3.9 Training a softmax classifier, 3.10 Deep
 * learning frameworks, 3.11 TensorFlow.
 * The programming assignment "Introduction to TensorFlow": a three-layer softmax classifier of hand signs, here
 * with batch normalisation in its hidden layers.
 */
package org.jdeep.models.c2w3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdeep.data.Dataset;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import org.jdeep.models.course.Task;
import org.jdeep.nn.BatchNorm;
import org.jdeep.nn.Linear;
import org.jdeep.nn.Module;
import org.jdeep.nn.ReLU;
import org.jdeep.nn.Sequential;
import org.jdeep.nn.init.Initializer;
import org.jdeep.nn.init.Layout;
import org.jdeep.optim.Adam;
import org.jdeep.optim.AdamConfig;
import org.jdeep.optim.Optimizer;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * A softmax classifier of hand signs (0 to 5 fingers): the notebook's {@code LINEAR -> RELU -> LINEAR -> RELU ->
 * LINEAR -> SOFTMAX} with layers {@code [n_x, 25, 12, 6]}, trained with Adam on mini-batches of 32, with batch
 * normalisation after each hidden linear layer (whose bias it replaces, beta playing its part).
 * <pre>
 * course (TensorFlow)                                   jdeep
 * GlorotNormal W1 (25, 12288), b1 ...                    Linear(n_x, 25, bias=false, Glorot, Layout.COURSE)
 * Z1 = W1 X + b1                                         BatchNorm(25): (z - mu) / sqrt(var + eps) * gamma + beta
 * A1 = relu(Z1) ... Z3 = W3 A2 + b3                      ReLU ... Linear(12, 6): the logits (m, 6)
 * categorical_crossentropy(from_logits=True)             SoftmaxCrossEntropy.ofLabels (Task.MULTICLASS)
 * Adam(learning_rate=0.0001), minibatch 32               Adam(settings' learning rate), batch size 32
 * </pre>
 * At test time batch norm uses its running estimates of the mean and variance (3.7), so one image is classified
 * the same way whatever batch it comes in. Data: {@link SignsData}, synthetic 16 x 16 by default (option
 * {@code image-size}), or the course's {@code train_signs.h5} with {@code --data}.
 */
public final class SoftmaxClassifier implements CourseModel {
    /** The notebook's hidden layers. */
    public static final int[] HIDDEN = {25, 12};

    /** The model, as the catalog lists it; it holds no state. */
    public SoftmaxClassifier() {
    }

    @Override
    public String name() {
        return "softmax-bn";
    }

    @Override
    public String description() {
        return "a 3-layer softmax classifier with batch normalization of hand signs (6 classes)";
    }

    @Override
    public List<String> lectures() {
        return List.of("C2W3 3.4 Normalizing activations in a network", "C2W3 3.5 Fitting Batch Norm into a neural network",
                "C2W3 3.6 Why does Batch Norm work?", "C2W3 3.7 Batch Norm at test time", "C2W3 3.8 Softmax Regression",
                "C2W3 3.9 Training a softmax classifier", "C2W3 3.10 Deep learning frameworks", "C2W3 3.11 TensorFlow");
    }

    /** 60 epochs of mini-batches of 32 with Adam at 0.001 (the notebook: 100 epochs at 0.0001 on real photos), seed 1. */
    @Override
    public Settings defaults() {
        return new Settings(60, 32, 0.001, 1, 10, Map.of());
    }

    @Override
    public List<String> optionHelp() {
        return List.of("image-size=16     the synthetic images' side", "train=1080 dev=120 test=120 data-seed=1",
                "batchnorm=true    false for the notebook's plain network (biases instead of batch norm)");
    }

    @Override
    public Task task() {
        return Task.MULTICLASS;
    }

    /** Synthetic signs (train, dev, test from {@code data-seed}, +1, +2), or the course's SIGNS files. */
    @Override
    public CourseData data(Settings settings, Path path) throws IOException {
        if (path != null) {
            Dataset[] d = SignsData.read(path);
            return new CourseData(d[0], null, d[1], path.toAbsolutePath() + " (SIGNS, HDF5)", new int[] {64, 64, 3});
        }
        int side = settings.intOption("image-size", 16);
        long seed = Long.parseLong(settings.option("data-seed", "1"));
        return new CourseData(SignsData.synthetic(settings.intOption("train", SignsData.TRAIN), side, seed),
                SignsData.synthetic(settings.intOption("dev", SignsData.TEST), side, seed + 1),
                SignsData.synthetic(settings.intOption("test", SignsData.TEST), side, seed + 2),
                "synthetic signs " + side + "x" + side + ", seed " + seed, new int[] {side, side, 3});
    }

    @Override
    public Module build(Settings settings, int features) {
        boolean bn = Boolean.parseBoolean(settings.option("batchnorm", "true"));
        return network(features, SignsData.CLASSES, bn, new RandomState(settings.seed()));
    }

    /**
     * {@code Linear -> [BatchNorm] -> ReLU -> Linear -> [BatchNorm] -> ReLU -> Linear}: {@code (m, n_x) -> (m, classes)}
     * logits, Glorot weights drawn in the course's order.
     */
    public static Sequential network(int features, int classes, boolean batchNorm, RandomState rng) {
        Initializer glorot = Initializer.glorot(Layout.COURSE);
        if (!batchNorm) {
            return new Sequential(new Linear(features, HIDDEN[0], true, glorot, DType.FLOAT64, rng), new ReLU(),
                    new Linear(HIDDEN[0], HIDDEN[1], true, glorot, DType.FLOAT64, rng), new ReLU(),
                    new Linear(HIDDEN[1], classes, true, glorot, DType.FLOAT64, rng));
        }
        return new Sequential(
                new Linear(features, HIDDEN[0], false, glorot, DType.FLOAT64, rng), new BatchNorm(HIDDEN[0]), new ReLU(),
                new Linear(HIDDEN[0], HIDDEN[1], false, glorot, DType.FLOAT64, rng), new BatchNorm(HIDDEN[1]), new ReLU(),
                new Linear(HIDDEN[1], classes, true, glorot, DType.FLOAT64, rng));
    }

    /** Adam at the settings' learning rate with the course's β₁, β₂ and ε. */
    @Override
    public Optimizer optimizer(Module network, Settings settings) {
        return new Adam(network.parameters(), new AdamConfig(settings.learningRate()));
    }

    @Override
    public List<String> classNames() {
        return List.of("0", "1", "2", "3", "4", "5");
    }
}
