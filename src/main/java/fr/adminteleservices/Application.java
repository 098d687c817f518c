package fr.adminteleservices;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
// each feature's settings are a record (teleservices.<feature>.*), every default in application.yml
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application { public static void main(String[] a){ SpringApplication.run(Application.class,a);} }
