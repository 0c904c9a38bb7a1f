package org.jdeep.models.cli;

import static org.jdeep.models.TestCli.jdeep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jdeep.models.Catalog;
import org.jdeep.models.TestCli.Result;
import org.jdeep.models.TestJson;
import org.jdeep.models.course.CourseModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in this JVM: list, train (its output, run directory and plots), evaluate, predict, errors. */
class CliTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void listShowsEveryModelWithItsLectures() {
        Result r = jdeep("list");
        assertEquals(0, r.status(), r.err());
        String flat = r.out().replaceAll("\n +", " "); // lecture lists are wrapped
        for (CourseModel m : Catalog.all()) {
            assertTrue(r.out().contains(m.name() + "  -  " + m.description()), r.out());
            for (String lecture : m.lectures()) {
                assertTrue(flat.contains(lecture), lecture + " missing from\n" + r.out());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainPrintsTheCoursesCostsAndSavesTheRunThenEvaluateAndPredictLoadIt() throws Exception {
        Path run = dir.resolve("planar");
        Result r = jdeep("train", "planar", "--epochs", "300", "--print-every", "100", "--out", run.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("jdeep train planar on cpu"), r.out());
        assertTrue(r.out().contains("Cost after iteration 0: 0.693048\n"), r.out()); // the notebook's first line
        assertTrue(r.out().contains("Cost after iteration 299: "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("train ") && l.contains("%")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("test ")), r.out());

        Map<String, Object> record = (Map<String, Object>) TestJson.read(run.resolve("run.json"));
        assertEquals("planar", record.get("model"));
        assertEquals(2.0, record.get("seed"));
        assertEquals(300.0, TestJson.obj(record, "configuration").get("epochs"));
        assertEquals(1.2, TestJson.obj(record, "configuration").get("learning_rate"));
        assertEquals("cpu", TestJson.obj(record, "backend").get("name"));
        assertTrue(((String) TestJson.obj(record, "data").get("fingerprint")).startsWith("sha256:"));
        assertTrue(TestJson.obj(record, "versions").containsKey("jdeep"));
        assertTrue(((List<Object>) record.get("lectures")).contains("C1W3 3.11 Random Initialization"));
        double trainAccuracy = (Double) TestJson.obj(TestJson.obj(record, "metrics"), "train").get("accuracy");

        BufferedImage cost = ImageIO.read(run.resolve("cost.png").toFile());
        BufferedImage boundary = ImageIO.read(run.resolve("decision-boundary.png").toFile());
        assertEquals(640, cost.getWidth());
        assertEquals(560, boundary.getHeight());
        assertTrue(Files.size(run.resolve("model.safetensors")) > 0);

        Result e = jdeep("evaluate", "--model", run.toString());
        assertEquals(0, e.status(), e.out() + e.err());
        assertTrue(e.out().contains("(the data it was trained on)"), e.out());
        assertTrue(e.out().contains(String.format("%.2f%%", 100 * trainAccuracy)), "same accuracy as saved:\n" + e.out());
        assertTrue(e.out().contains("confusion matrix (test"), e.out());

        Result p = jdeep("predict", "--model", run.toString(), "--input", "0,3", "--input", "3,0.5");
        assertEquals(0, p.status(), p.out() + p.err());
        assertTrue(p.out().contains("0,3 -> red (0) (probability "), p.out());
        assertTrue(p.out().contains("3,0.5 -> blue (1) (probability "), p.out());

        Result bad = jdeep("predict", "--model", run.toString(), "--input", "1,2,3");
        assertEquals(1, bad.status());
        assertEquals("jdeep: input '1,2,3' has 3 values; the planar model takes 2", bad.err().strip());
    }

    @Test
    void miniBatchesGoThroughTheTrainerAndPrintEpochs() {
        Result r = jdeep("train", "planar", "-o", "dataset=moons", "--epochs", "20", "--batch-size", "64", "--lr", "0.5",
                "--print-every", "10", "--no-plots", "--out", dir.resolve("moons").toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("Cost after epoch 0: "), r.out());
        assertTrue(r.out().contains("Cost after epoch 19: "), r.out());
        assertTrue(r.out().contains("synthetic: moons"), r.out());
        assertTrue(Files.exists(dir.resolve("moons/model.safetensors")));
        assertTrue(!Files.exists(dir.resolve("moons/cost.png")), "--no-plots");
    }

    @Test
    void anImageModelPredictsFromAPictureFile() throws Exception {
        Path run = dir.resolve("lr");
        Result r = jdeep("train", "logistic-regression", "-o", "image-size=8", "--epochs", "50", "--out", run.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("Cost after iteration 0: 0.693147"), r.out()); // log 2, from zeros
        assertTrue(Files.exists(run.resolve("cost.png")));
        assertTrue(!Files.exists(run.resolve("decision-boundary.png")), "images are not 2-D points");
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("picture.png");
        ImageIO.write(img, "png", png.toFile());
        Result p = jdeep("predict", "--model", run.toString(), "--input", png.toString());
        assertEquals(0, p.status(), p.out() + p.err());
        assertTrue(p.out().contains("picture.png -> "), p.out());
    }

    @Test
    void errorsSayWhatIsWrongWithTheRightStatus() {
        Result backend = jdeep("train", "planar", "--epochs", "2", "--backend", "nosuch", "--out", dir.toString());
        assertEquals(1, backend.status());
        assertEquals(1, backend.err().strip().lines().count(), backend.err());
        assertTrue(backend.err().startsWith("jdeep: backend 'nosuch'"), backend.err());
        assertTrue(backend.err().contains("cpu (available)"), backend.err());

        Result model = jdeep("train", "no-such-model");
        assertEquals(2, model.status());
        assertTrue(model.err().contains("unknown model 'no-such-model'; the models are [logistic-regression, planar"),
                model.err());

        Result option = jdeep("train", "planar", "--epochs", "0", "--out", dir.toString());
        assertEquals(1, option.status());
        assertTrue(option.err().contains("epochs must be >= 1"), option.err());

        Result data = jdeep("train", "planar", "--data", "x.csv", "--out", dir.toString());
        assertEquals(1, data.status());
        assertTrue(data.err().contains("--option dataset=NAME"), data.err());

        Result missing = jdeep("evaluate", "--model", dir.resolve("nothing").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("does not exist"), missing.err());

        Result usage = jdeep("frobnicate");
        assertEquals(2, usage.status());
        assertTrue(usage.err().contains("usage: jdeep <command>"), usage.err());
    }
}
