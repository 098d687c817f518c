package fr.adminteleservices.platform;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface PlatformLockMapper {

    /** Locks the row {@code name} of platform_lock until the transaction ends: one node at a time passes. */
    String lock(@Param("name") String name);
}
