package me.klepp.devstack;

import java.io.IOException;

/** One {@link FaultProxy} per server the services depend on. */
public final class FaultProxies implements AutoCloseable {

	private final FaultProxy s3;

	private final FaultProxy sqs;

	private final FaultProxy postgres;

	FaultProxies(int s3Port, int sqsPort, int postgresPort) throws IOException {
		this.s3 = new FaultProxy("s3", s3Port);
		this.sqs = new FaultProxy("sqs", sqsPort);
		this.postgres = new FaultProxy("postgres", postgresPort);
	}

	public FaultProxy s3() {
		return s3;
	}

	public FaultProxy sqs() {
		return sqs;
	}

	public FaultProxy postgres() {
		return postgres;
	}

	@Override
	public void close() {
		s3.close();
		sqs.close();
		postgres.close();
	}

}
