package dk.ledgerline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class Ledgerline {
    public static void main(String[] args) {
        SpringApplication.run(Ledgerline.class, args);
    }
}
