package com.mirogateway.platform.testkit.jobs;

import com.mirogateway.platform.api.GatewayPlugin;
import com.mirogateway.platform.api.Job;
import com.mirogateway.platform.api.MiroClient;
import com.mirogateway.platform.api.MiroRequest;
import com.mirogateway.platform.api.PluginContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Test plugin handling {@code miro-caller.fetch} jobs ({@code {"boardId": "..."}}): each attempt asks Miro for the
 * board as a background call and lets whatever the host's Miro client throws escape, as a plugin that knows nothing
 * about Miro's outages would.
 */
@Extension
public final class MiroCallerPlugin implements GatewayPlugin {
    /** The job type this plugin handles. */
    public static final String TYPE = "miro-caller.fetch";

    private static final Pattern BOARD_ID = Pattern.compile("\"boardId\"\\s*:\\s*\"([A-Za-z0-9]+)\"");

    @Override
    public void start(PluginContext context) {
        MiroClient miro = context.miro();
        context.jobs()
                .handle(
                        TYPE,
                        job -> miro.send(MiroRequest.get("v2", "boards", boardId(job))
                                .background()
                                .build()));
    }

    private static String boardId(Job job) {
        Matcher m = BOARD_ID.matcher(job.payloadJson());
        if (!m.find()) {
            throw new IllegalArgumentException("No boardId in " + job.payloadJson());
        }
        return m.group(1);
    }
}
