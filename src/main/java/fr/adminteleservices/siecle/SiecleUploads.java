package fr.adminteleservices.siecle;

import java.util.List;
import org.springframework.web.multipart.MultipartFile;

final class SiecleUploads {

    private SiecleUploads() {
    }

    static List<SiecleImportService.Upload> of(List<MultipartFile> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream().filter(f -> f != null && f.getOriginalFilename() != null && !f.getOriginalFilename().isBlank())
                .map(f -> new SiecleImportService.Upload(f.getOriginalFilename(), f::getInputStream))
                .toList();
    }
}
