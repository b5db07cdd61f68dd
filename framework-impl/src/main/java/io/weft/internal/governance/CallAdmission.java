package io.weft.internal.governance;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A decision about a call from what is known before its arguments are decoded: service, method,
 * metadata and peer. The server runs every admission of its interceptor chain first thing on the
 * business thread; a refused call is answered without its body ever being decoded.
 */
public interface CallAdmission {

    /**
     * Admits or refuses one call.
     *
     * @param peerIdentity the verified client certificate's identity, or null
     * @return the authenticated caller application, or null when this admission does not
     *     authenticate (the {@code :app} claim then stands)
     * @throws io.weft.RpcException ({@code UNAUTHENTICATED}, {@code PERMISSION_DENIED}) when refused
     */
    String admit(String service, String method, Map<String, String> metadata, InetSocketAddress peer,
                 String peerIdentity);

    /** A served call that knows which admissions it passed. */
    interface Admitted {
        /** True if {@code admission} admitted this call before its arguments were decoded. */
        boolean admittedBy(CallAdmission admission);
    }
}
