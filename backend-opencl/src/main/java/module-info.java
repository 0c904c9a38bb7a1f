/**
 * jdeep's OpenCL backend (Aparapi). The module is reserved in the build; its provider arrives with the
 * OpenCL backend issue, so for now no provider is declared and {@code backends} does not list it.
 */
module org.jdeep.backend.opencl {
    requires org.jdeep.spi;
}
