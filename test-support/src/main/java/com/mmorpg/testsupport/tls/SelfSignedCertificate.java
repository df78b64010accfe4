package com.mmorpg.testsupport.tls;

import com.mmorpg.common.tls.TrustedCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost} / {@code 127.0.0.1} made for one test: the JDK's
 * {@code keytool} makes the key pair, then certificate and private key are written as the PEM files
 * a service is configured with ({@code TLS_CERTIFICATE}, {@code TLS_PRIVATE_KEY}).
 */
public record SelfSignedCertificate(Path certificate, Path privateKey) {

    private static final char[] PASSWORD = "test-only".toCharArray();

    /** Makes a fresh RSA 2048 key and certificate in {@code dir}. */
    public static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD);
            Certificate certificate = keys.getCertificate("server");
            Key key = keys.getKey("server", PASSWORD);
            Path certificateFile = Files.writeString(dir.resolve("server.crt"), pem("CERTIFICATE", certificate.getEncoded()));
            Path keyFile = Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded()));
            return new SelfSignedCertificate(certificateFile, keyFile);
        } catch (GeneralSecurityException e) {
            throw new IOException("keytool wrote an unreadable key store", e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    /** A TLS context that trusts this certificate (as a client configured with it would). */
    public SSLContext trustingContext() {
        return TrustedCertificates.sslContext(certificate);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
