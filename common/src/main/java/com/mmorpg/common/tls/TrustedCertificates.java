package com.mmorpg.common.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for calls between our services. By default the JDK's own trust store; with
 * {@value #VARIABLE} naming a PEM file (a private CA, or the peers' self-signed certificates),
 * those certificates are trusted as well as the JDK's.
 */
public final class TrustedCertificates {

    public static final String VARIABLE = "TLS_TRUSTED_CERTIFICATES";

    private TrustedCertificates() {
    }

    /** The context for outbound HTTPS given the environment. */
    public static SSLContext sslContext(Map<String, String> env) {
        String file = env.get(VARIABLE);
        try {
            if (file == null || file.isBlank()) {
                return SSLContext.getDefault();
            }
            return sslContext(Path.of(file.strip()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no usable TLS context", e);
        }
    }

    /** A context trusting the JDK's authorities and every certificate in {@code pemFile}. */
    public static SSLContext sslContext(Path pemFile) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int index = 0;
            for (var manager : jdk.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509TrustManager x509) {
                    for (Certificate authority : x509.getAcceptedIssuers()) {
                        trusted.setCertificateEntry("jdk-" + index++, authority);
                    }
                }
            }
            Collection<? extends Certificate> extra;
            try (InputStream in = Files.newInputStream(pemFile)) {
                extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (extra.isEmpty()) {
                throw new IllegalArgumentException(VARIABLE + " points to " + pemFile + ", which holds no certificate");
            }
            for (Certificate certificate : extra) {
                trusted.setCertificateEntry("extra-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new IllegalArgumentException(VARIABLE + " points to " + pemFile + ", which cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(VARIABLE + " points to " + pemFile + ", which is not PEM certificates", e);
        }
    }
}
