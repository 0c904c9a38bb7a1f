/**
 * The Deep Learning Specialization's models and applications, written against jdeep's public API only, and the
 * {@code jdeep} command line ({@link org.jdeep.models.cli.Main}). Every model is listed in
 * {@link org.jdeep.models.Catalog} and implements {@link org.jdeep.models.course.CourseModel}.
 *
 * <p>System properties: {@code jdeep.backend} (see {@code org.jdeep.api}); {@code java.awt.headless} is set to
 * true by the command line, which draws its plots off screen.
 */
module org.jdeep.models {
    requires org.jdeep.api;
    requires java.desktop;          // ImageIO and java.awt images for reading pictures and drawing plots
    requires info.picocli;
    requires org.knowm.xchart;
    requires io.jhdf;               // HDF5 (org.jdeep.models.data.Hdf5); automatic module

    exports org.jdeep.models;
    exports org.jdeep.models.course;
    exports org.jdeep.models.c1w2;
    exports org.jdeep.models.c1w3;
    exports org.jdeep.models.c1w4;
    exports org.jdeep.models.cli;
    exports org.jdeep.models.companion;
    exports org.jdeep.models.c2w1;
    exports org.jdeep.models.c2w2;
    exports org.jdeep.models.c2w3;
    exports org.jdeep.models.c3;
    exports org.jdeep.models.data;

    // picocli reads the commands' annotated fields by reflection
    opens org.jdeep.models.cli to info.picocli;
}
