/**
 * jdeep's CUDA backend (JCuda driver API and jdeep's own PTX kernels). The module is reserved in the
 * build; its provider arrives with the CUDA backend issue, so for now no provider is declared and
 * {@code backends} does not list it.
 */
module org.jdeep.backend.cuda {
    requires org.jdeep.spi;
}
