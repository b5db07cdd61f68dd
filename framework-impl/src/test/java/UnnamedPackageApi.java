/** A service interface in the unnamed package, which {@code allowPackageOf} must refuse. */
public interface UnnamedPackageApi {
}
