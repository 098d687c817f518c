package fr.adminteleservices.statistics;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractGenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/**
 * Writes a synthesis or the accesses as CSV when the client asks for {@code text/csv}: the API and the screens'
 * downloads return the same objects as for JSON, and content negotiation picks this converter.
 */
@Component
class StatisticsCsvConverter extends AbstractGenericHttpMessageConverter<Object> {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    StatisticsCsvConverter() {
        super(TEXT_CSV);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return Synthesis.class.isAssignableFrom(clazz) || Accesses.class.isAssignableFrom(clazz);
    }

    @Override
    public boolean canRead(Type type, Class<?> contextClass, MediaType mediaType) {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void writeInternal(Object body, Type type, HttpOutputMessage out) throws IOException {
        out.getHeaders().setContentDisposition(ContentDisposition.attachment().filename(fileName(body)).build());
        if (body instanceof Accesses accesses) {
            StatisticsCsv.accesses(accesses, out.getBody());
        } else {
            StatisticsCsv.synthesis((Synthesis<SynthesisLine>) body, out.getBody());
        }
    }

    /** e.g. codes-responsables-0990001N-2026-2027.csv, or …-academie-… for the académie's figures. */
    static String fileName(Object body) {
        if (body instanceof Accesses a) {
            return "acces-teleservices-" + (a.uai() != null ? a.uai() : "academie") + "-" + a.schoolYear() + ".csv";
        }
        Synthesis<?> s = (Synthesis<?>) body;
        String kind = SynthesisLine.fileKind((SynthesisLine) s.total());
        String who = s.establishment() instanceof SynthesisLine l ? l.uai() : "academie";
        return kind + "-" + who + "-" + s.schoolYear() + ".csv";
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage in) {
        throw new HttpMessageNotReadableException("Les statistiques ne se téléversent pas.", in);
    }

    @Override
    public Object read(Type type, Class<?> contextClass, HttpInputMessage in) {
        throw new HttpMessageNotReadableException("Les statistiques ne se téléversent pas.", in);
    }
}
