package me.klepp.ingestor.reconcile;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reconcile on demand ({@code java -jar metadata-ingestor.jar reconcile}: runs once and exits, 0 when the bucket
 * and the catalog agree, 3 when rows point at missing objects) or on a schedule
 * ({@code klepp.ingestor.reconcile.cron}, off by default).
 */
@Component
class ReconcileTriggers implements ApplicationRunner {

	private final Reconciler reconciler;

	private final ConfigurableApplicationContext context;

	ReconcileTriggers(Reconciler reconciler, ConfigurableApplicationContext context) {
		this.reconciler = reconciler;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.getNonOptionArgs().contains("reconcile")) {
			return;
		}
		Reconciler.Report report = reconciler.run();
		System.out.println(report);
		int exit = SpringApplication.exit(context, () -> report.missingCount() == 0 ? 0 : 3);
		System.exit(exit);
	}

	@Scheduled(cron = "${klepp.ingestor.reconcile.cron:-}")
	void scheduled() {
		reconciler.run();
	}

}
