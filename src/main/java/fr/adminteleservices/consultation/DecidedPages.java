package fr.adminteleservices.consultation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.adminteleservices.accounts.PortalProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The lines of a child's page as the rule publication-visibility decided them, kept in this node's memory (issue
 * 18.4). What a page shows changes only when the establishment is copied again to the téléservices side (the
 * nightly replication, on any node), when the day changes, or when other rules come in force: the key holds all
 * three — the copy's stamp read with the child ({@code ts_establishment.copy_stamp}), today, the rules'
 * generation — so a stale entry is never found, only aged out. The child itself (and whether the account reaches
 * it) is read on every request.
 *
 * <p>Bounded by the number of lines held ({@code teleservices.portal.page-cache-lines}, about 200 bytes each).
 */
@Component
class DecidedPages {

    record Key(Teleservice service, String uai, long studentId, String copyStamp, LocalDate today, long rules) {
    }

    private final Cache<Key, List<?>> pages;

    DecidedPages(PortalProperties portal) {
        pages = Caffeine.newBuilder()
                .maximumWeight(portal.pageCacheLines())
                .weigher((Key key, List<?> lines) -> lines.size() + 1)
                .expireAfterAccess(Duration.ofHours(2))
                .build();
    }

    /** The lines under {@code key}, decided once by {@code decide}; an establishment copied before stamps: every time. */
    @SuppressWarnings("unchecked")
    <T> List<T> lines(Key key, Supplier<List<T>> decide) {
        if (key.copyStamp() == null) {
            return decide.get();
        }
        return (List<T>) pages.get(key, k -> decide.get());
    }

    long size() {
        return pages.estimatedSize();
    }
}
