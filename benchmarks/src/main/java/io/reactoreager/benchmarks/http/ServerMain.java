package io.reactoreager.benchmarks.http;

import java.util.concurrent.CountDownLatch;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.reactoreager.netty.NettyTransport;

/** What the load-test server mains share: the plain Netty bootstrap and the run-until-killed loop. */
final class ServerMain {

	private ServerMain() {}

	/**
	 * Binds an HTTP/1.1 server (on the transport of {@code loops}) on 127.0.0.1 whose pipeline is {@link HttpServerCodec} and one
	 * sharable {@code handler}, with the options every server of the load test uses.
	 */
	static Channel bindWithCodec(EventLoopGroup loops, int port, ChannelHandler handler) {
		return new ServerBootstrap()
				.group(loops)
				.channel(NettyTransport.of(loops).serverChannelType())
				.option(ChannelOption.SO_BACKLOG, 1024)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<>() {
					@Override
					protected void initChannel(Channel ch) {
						ch.pipeline().addLast(new HttpServerCodec()).addLast(handler);
					}
				})
				.bind("127.0.0.1", port).syncUninterruptibly().channel();
	}

	/**
	 * Tells the script the server is up ({@link CacheData#ready}), then waits until the process is
	 * told to stop and runs {@code shutdown} from the shutdown hook.
	 */
	static void runUntilShutdown(String name, int port, Runnable shutdown) throws InterruptedException {
		CacheData.ready(name, port);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			shutdown.run();
			stopped.countDown();
		}));
		stopped.await();
	}
}
