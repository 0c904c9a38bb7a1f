/**
 * The backend contract of jdeep: the small set of primitives a backend implements, and the value types
 * ({@link org.jdeep.types.DType}, {@link org.jdeep.types.Shape}) shared by the contract and the user API.
 *
 * <p>A backend is a module that {@code provides org.jdeep.spi.BackendProvider}, and also lists its provider
 * in {@code META-INF/services/org.jdeep.spi.BackendProvider} so that class-path users find it too.
 * See {@code docs/backend-authors.md}.
 */
module org.jdeep.spi {
    exports org.jdeep.spi;
    exports org.jdeep.types;
}
