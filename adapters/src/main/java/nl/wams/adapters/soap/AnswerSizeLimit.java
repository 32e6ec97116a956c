package nl.wams.adapters.soap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/** Stops reading a SOAP answer that grows beyond the limit, before the XML parser sees it all. */
final class AnswerSizeLimit extends AbstractPhaseInterceptor<Message> {

    private final long limit;

    AnswerSizeLimit(long limit) {
        super(Phase.RECEIVE);
        this.limit = limit;
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            message.setContent(InputStream.class, new Limited(in, limit));
        }
    }

    /** Thrown when the answer is too large. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("answer larger than " + limit + " bytes");
        }
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > limit) {
                throw new TooLargeException(limit);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (count += n) > limit) {
                throw new TooLargeException(limit);
            }
            return n;
        }
    }
}
