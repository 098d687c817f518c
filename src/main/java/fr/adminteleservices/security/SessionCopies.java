package fr.adminteleservices.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.session.Session;

/**
 * This node's copies of the sessions it read from the database, so that a page does not read its session again
 * (issue 18 §4: that read cost the portal 30 % of its grade pages against sessions in memory). The database stays
 * the truth, shared by every node; a copy is only trusted when two things say it still is:
 * <ul>
 *   <li><b>the client's revision</b>: every write of a session's content gives it a new revision, stored with the
 *   session and sent to the browser in the {@value #REVISION_COOKIE} cookie. A request whose revision is not the
 *   copy's reads the database: a client always sees its own last write, whichever node made it (the flash message
 *   after a form, a log-in);</li>
 *   <li><b>the change feed</b>: the same writes, and every log-out, add a row to {@code session_change} in their own
 *   transaction ({@link SessionTransactions}); every node reads the feed every
 *   {@code teleservices.sessions.changes-polled-every} (250 ms) and drops its copies of the sessions named there. A
 *   session ended on another node (a log-out, a new id at log-in) is refused here from that next read on, also to
 *   whoever replays its cookies. While the feed cannot be read, no copy is trusted.</li>
 * </ul>
 * A page served from a copy writes nothing but, once a minute, the session's access time ({@link #touch}), and
 * keeps its copy. A copy leaves after two idle minutes, and is read again at the latest {@link #MAX_AGE} after its
 * read. It holds the attributes' bytes: each request deserialises its own, as it would from the database, and no
 * request sees another's changes in memory; only values nothing changes in place are shared ({@link #value}).
 */
final class SessionCopies {

    /** The session attribute and the cookie that carry the revision of the session's content. */
    static final String REVISION = "fr.adminteleservices.session.revision";
    static final String REVISION_COOKIE = "SESSION_REV";

    /**
     * A copy is read again from the database at least this often, whatever the feed says: the feed is written in the
     * session's own transaction and read with an overlap, so this is only a last resort.
     */
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** Longer than any read of a session: a read begun before a drop has ended by then. */
    private static final Duration DROPS_KEPT = Duration.ofMinutes(1);
    /**
     * How far before the previous poll each poll reads the feed again: a change written just before a poll but
     * committed just after it is still seen at the next one.
     */
    static final Duration OVERLAP = Duration.ofSeconds(5);
    /** How long the feed keeps its rows; a node that could not read it for half as long drops every copy. */
    static final Duration FEED_KEPT = Duration.ofMinutes(5);

    /** A copy in use is refreshed at least once a minute (its access time written); one unused for longer leaves. */
    private static final Duration TOUCH_EVERY_WITH_MARGIN = SessionAccessThrottle.TOUCH_EVERY.multipliedBy(2);

    private static final Logger log = LoggerFactory.getLogger(SessionCopies.class);

    private final SessionChangeMapper changes;
    private final LongSupplier nanoTime;
    /** Copies are trusted only while the feed was read this recently. */
    private final long trustedForNanos;
    private final Cache<String, Copy> copies;
    /** When each session was last dropped, so that a read begun before is not kept. */
    private final Cache<String, Long> droppedAt;
    private volatile long everythingDroppedAt;
    private volatile long lastPollStartedAt;
    private volatile boolean polled;
    /** The database's time at the previous poll; touched by the poll only. */
    private LocalDateTime feedReadUpTo;

    private final SerializingConverter serializer = new SerializingConverter();
    private final DeserializingConverter deserializer = new DeserializingConverter(SessionCopies.class.getClassLoader());

    SessionCopies(SessionChangeMapper changes, long maxBytes, Duration pollEvery) {
        this(changes, maxBytes, pollEvery, System::nanoTime);
    }

    SessionCopies(SessionChangeMapper changes, long maxBytes, Duration pollEvery, LongSupplier nanoTime) {
        this.changes = changes;
        this.nanoTime = nanoTime;
        // four polls missed (a long pause of this JVM, a slow database): this node stops trusting its copies
        this.trustedForNanos = pollEvery.multipliedBy(4).plusSeconds(1).toNanos();
        this.copies = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String id, Copy copy) -> copy.weight())
                // idle copies leave; a copy refreshed by a touch stays, up to MAX_AGE from its read (find)
                .expireAfterWrite(TOUCH_EVERY_WITH_MARGIN)
                .build();
        this.droppedAt = Caffeine.newBuilder().expireAfterWrite(DROPS_KEPT).build();
        this.everythingDroppedAt = nanoTime.getAsLong();
    }

    /** A time to give {@link #keep} for a read of the database that starts now. */
    long readStarts() {
        return nanoTime.getAsLong();
    }

    /**
     * The copy of this session if it may serve a request that holds {@code revision}, else null (read the database).
     */
    Copy find(String id, String revision, Instant now) {
        if (revision == null || !polled || nanoTime.getAsLong() - lastPollStartedAt > trustedForNanos) {
            return null;
        }
        Copy copy = copies.getIfPresent(id);
        if (copy == null || !revision.equals(copy.revision()) || copy.isExpired(now)
                || nanoTime.getAsLong() - copy.keptAt() > MAX_AGE.toNanos()) {
            return null;
        }
        return copy;
    }

    /** Keeps a copy of a session just read from the database by a read that started at {@code readStartedAt}. */
    void keep(Session session, long readStartedAt) {
        Object revision = session.getAttribute(REVISION);
        if (!(revision instanceof String rev) || wasDroppedSince(session.getId(), readStartedAt)) {
            return;
        }
        Map<String, byte[]> attributes = new HashMap<>();
        for (String name : session.getAttributeNames()) {
            Object value = session.getAttribute(name);
            if (value != null) {
                attributes.put(name, serializer.convert(value));
            }
        }
        Copy copy = new Copy(session.getId(), session.getCreationTime(), session.getLastAccessedTime(),
                session.getMaxInactiveInterval(), Map.copyOf(attributes), rev, readStartedAt, new ConcurrentHashMap<>());
        copies.put(copy.id(), copy);
        // a drop that ran between the check above and the put: the copy may be older than what it dropped
        if (wasDroppedSince(copy.id(), readStartedAt)) {
            copies.asMap().remove(copy.id(), copy);
        }
    }

    private boolean wasDroppedSince(String id, long readStartedAt) {
        Long dropped = droppedAt.getIfPresent(id);
        return everythingDroppedAt - readStartedAt >= 0 || (dropped != null && dropped - readStartedAt >= 0);
    }

    /** Drops this node's copies of these sessions. */
    void drop(List<String> ids) {
        long now = nanoTime.getAsLong();
        for (String id : ids) {
            droppedAt.put(id, now);
            copies.invalidate(id);
        }
    }

    private void dropEverything() {
        everythingDroppedAt = nanoTime.getAsLong();
        copies.invalidateAll();
    }

    /**
     * Writes the access time of a session served from {@code copy}, alone, without reading the session: its row's
     * last access and expiry, unless another node wrote a later access. The copy here then carries the new time;
     * if nothing was written (the session ended, or another node's access is later), it is dropped and read again.
     */
    void touch(Copy copy, Instant at) {
        if (changes.touchSession(copy.id(), at.toEpochMilli()) == 1) {
            touched(copy.id(), copy.revision(), at);
        } else {
            drop(List.of(copy.id()));
        }
    }

    /** The access time of this session was just written: its copy here (of that revision) carries it. */
    void touched(String id, Object revision, Instant at) {
        copies.asMap().computeIfPresent(id, (key, kept) -> kept.revision().equals(revision) ? kept.accessedAt(at) : kept);
    }

    /** Reads the feed: drops the copies of the sessions another node changed since the previous poll. Every node. */
    @Scheduled(fixedDelayString = "${teleservices.sessions.changes-polled-every}")
    void poll() {
        long started = nanoTime.getAsLong();
        try {
            LocalDateTime now = changes.now();
            if (!polled || started - lastPollStartedAt > FEED_KEPT.dividedBy(2).toNanos()) {
                dropEverything(); // the first poll, or so late that the feed may have lost rows
            } else {
                List<String> changed = changes.findChangedSince(feedReadUpTo.minus(OVERLAP));
                drop(changed);
            }
            feedReadUpTo = now;
            lastPollStartedAt = started;
            polled = true;
        } catch (RuntimeException e) {
            polled = false;
            dropEverything();
            log.warn("Le fil des changements de sessions n'a pas pu être lu : chaque page relit sa session dans la base ({})",
                    e.getMessage());
        }
    }

    long size() {
        copies.cleanUp();
        return copies.estimatedSize();
    }

    /**
     * The value of one of {@code copy}'s attributes for one request. Deserialised from its bytes for each request,
     * unless nothing can change it in place: then deserialised once and shared by the node's requests (an immutable
     * value, a CSRF token); a security context is given to each request afresh around the shared authentication, so
     * that a log-out, which empties its request's context, empties no other's. Deserialising the security context at
     * each page was most of what a page served from a copy still cost over a session in memory.
     */
    Object value(Copy copy, String name) {
        byte[] bytes = copy.attributes().get(name);
        if (bytes == null) {
            return null;
        }
        Object shared = copy.shared().get(name);
        if (shared == null) {
            Object value = deserializer.convert(bytes);
            if (!shareable(value)) {
                return value;
            }
            shared = Objects.requireNonNullElse(copy.shared().putIfAbsent(name, value), value);
        }
        return shared instanceof SecurityContext context ? new SecurityContextImpl(context.getAuthentication()) : shared;
    }

    /** Whether no request can change this value in place (an authentication is not changed once in a session). */
    static boolean shareable(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof DefaultCsrfToken
                || value != null && value.getClass() == SecurityContextImpl.class
                        && ((SecurityContext) value).getAuthentication() instanceof UsernamePasswordAuthenticationToken;
    }

    /** What a node keeps of a session: its times, its revision and its attributes as bytes. */
    record Copy(String id, Instant creationTime, Instant lastAccessedTime, Duration maxInactiveInterval,
                Map<String, byte[]> attributes, String revision, long keptAt, Map<String, Object> shared) {

        Copy accessedAt(Instant at) {
            return new Copy(id, creationTime, at, maxInactiveInterval, attributes, revision, keptAt, shared);
        }

        boolean isExpired(Instant now) {
            return !maxInactiveInterval.isNegative()
                    && now.minus(maxInactiveInterval).compareTo(lastAccessedTime) >= 0;
        }

        Set<String> attributeNames() {
            return attributes.keySet();
        }

        int weight() {
            int bytes = 256;
            for (byte[] value : attributes.values()) {
                bytes += value.length + 64;
            }
            return bytes;
        }
    }
}
