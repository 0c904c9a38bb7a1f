/**
 * jdeep's user API: {@link org.jdeep.Tensor}, backend selection ({@link org.jdeep.Backends}), memory
 * scopes, and numpy's legacy random generator ({@link org.jdeep.random.RandomState}).
 *
 * <p>System properties: {@code jdeep.backend} names the backend to use (environment variable
 * {@code JDEEP_BACKEND}; the property wins; default {@code cpu}).
 */
module org.jdeep.api {
    requires transitive org.jdeep.spi;
    requires java.desktop; // javax.imageio, for org.jdeep.data.Images (PNG, JPEG)

    exports org.jdeep;
    exports org.jdeep.random;
    exports org.jdeep.nn;
    exports org.jdeep.nn.init;
    exports org.jdeep.loss;
    exports org.jdeep.autograd;
    exports org.jdeep.optim;
    exports org.jdeep.data;
    exports org.jdeep.eval;
    exports org.jdeep.io;
    exports org.jdeep.train;

    uses org.jdeep.spi.BackendProvider;
}
