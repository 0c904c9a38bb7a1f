/**
 * The Deep Learning Specialization's models and applications, written against jdeep's public API only,
 * and the {@code jdeep} command line ({@link org.jdeep.models.cli.Main}).
 */
module org.jdeep.models {
    requires org.jdeep.api;

    exports org.jdeep.models.cli;
}
