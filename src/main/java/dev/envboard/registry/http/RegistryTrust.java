package dev.envboard.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The CAs a registry's certificate may chain to, as Docker has them: the system's, plus every
 * {@code *.crt} in {@code certs.d/HOST:PORT/}.
 */
final class RegistryTrust {
    private RegistryTrust() {
    }

    /** The registry's own CA files (sorted), empty when it has none. */
    static List<Path> caFiles(Path certsDir, String registry) throws IOException {
        Path dir = certsDir.resolve(registry.replace('/', '_'));
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.crt")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    static SSLContext context(List<Path> caFiles) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        if (caFiles.isEmpty()) {
            context.init(null, null, null);
            return context;
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (X509Certificate system : systemTrust().getAcceptedIssuers()) {
            store.setCertificateEntry("system-" + n++, system);
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (Path file : caFiles) {
            try (InputStream in = Files.newInputStream(file)) {
                for (Certificate ca : factory.generateCertificates(in)) {
                    store.setCertificateEntry("certs.d-" + n++, ca);
                }
            } catch (java.security.cert.CertificateException e) {
                throw new GeneralSecurityException(file + " holds no PEM certificate: " + e.getMessage(), e);
            }
        }
        TrustManagerFactory factoryWithCa = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factoryWithCa.init(store);
        context.init(null, factoryWithCa.getTrustManagers(), null);
        return context;
    }

    private static X509TrustManager systemTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager in this JDK");
    }
}
