package fr.adminteleservices;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
@SpringBootApplication
public class Application { public static void main(String[] a){ SpringApplication.run(Application.class,a);} }
