package fr.adminteleservices.establishment;

public record Academy(String code, String name) {
}
